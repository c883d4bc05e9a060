import DuckDB
import TesseraModel

/// The standardize and validate stages of a load (docs/ingestion.md), as one projection over the landed
/// batch: names to snake_case, strings trimmed and empty strings to NULL, values cast to their
/// declared types, and for every row the reason it must be rejected (or NULL). DuckDB evaluates
/// it set-based; Swift only writes the SQL.
struct Standardizer {
    struct Column: Equatable {
        /// The standardized name, as it appears in `src.<source>`.
        var name: String
        /// The SQL computing it from the landed row.
        var expression: String
        /// Its type after standardizing (DuckDB's spelling).
        var type: String
    }

    struct Plan {
        var columns: [Column]
        /// SQL giving a row's rejection reason, or nil when no row can be rejected.
        var rejectReason: String?
        /// The landed column naming the file a row came from, if the reader added one.
        var sourceFileColumn: String?
    }

    static let sourceFileColumn = "_source_file"

    var source: Source

    /// - Parameter landed: the landed batch's columns (name, DuckDB type), in order.
    func plan(landed: [(name: String, type: String)]) throws -> Plan {
        let data = landed.filter { $0.name != Self.sourceFileColumn }
        let naming: ColumnNaming.StandardizedNames =
            source.standardize.columnNames == .snakeCase ? .snakeCase : .preserve
        let names = ColumnNaming.standardize(data.map(\.name), style: naming)
        let declared = source.schema?.columns ?? []
        let declaredByName = Dictionary(declared.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        try checkSchema(names: names, declared: declared)
        try checkLoadColumns(names: names)
        var columns: [Column] = []
        var reasons: [String] = []
        for (landedColumn, name) in zip(data, names) {
            let (column, why) = standardized(landedColumn, as: name, declared: declaredByName[name])
            columns.append(column)
            reasons += why
        }
        let reason = reasons.isEmpty ? nil : "NULLIF(concat_ws('; ', \(reasons.joined(separator: ", "))), '')"
        let fileColumn = landed.contains { $0.name == Self.sourceFileColumn } ? Self.sourceFileColumn : nil
        return Plan(columns: columns, rejectReason: reason, sourceFileColumn: fileColumn)
    }

    /// Every declared column is in the data; a frozen schema has no column more.
    private func checkSchema(names: [String], declared: [SourceSchema.Column]) throws {
        let declaredNames = Set(declared.map(\.name))
        let missing = declared.map(\.name).filter { !names.contains($0) }
        if !missing.isEmpty {
            throw IngestError(
                .data,
                "the data has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) declared in the schema (it has: \(names.joined(separator: ", ")))",
                hint:
                    "fix the source or the schema's column names (names are compared after standardizing to snake_case)",
                location: declared.first { missing.contains($0.name) }?.location ?? source.location)
        }
        if let schema = source.schema, schema.onChange == .freeze, !declared.isEmpty {
            let extra = names.filter { !declaredNames.contains($0) }
            if !extra.isEmpty {
                throw IngestError(
                    .data,
                    "new column \(extra.map { "'\($0)'" }.joined(separator: ", ")) in the data, and the schema is frozen (on_change: freeze)",
                    hint: "declare the column in the schema, or set schema.on_change: evolve", location: source.location
                )
            }
        }

    }

    /// The columns `load:` names (primary key, cursor) are in the data.
    private func checkLoadColumns(names: [String]) throws {
        for (role, wanted) in [
            ("primary_key", source.load.primaryKey), ("cursor", source.load.cursor.map { [$0] } ?? []),
        ] {
            let absent = wanted.filter { !names.contains($0) }
            if !absent.isEmpty {
                throw IngestError(
                    .data,
                    "load.\(role) names \(absent.map { "'\($0)'" }.joined(separator: ", ")), which the data does not have (it has: \(names.joined(separator: ", ")))",
                    hint: "use the standardized (snake_case) column names", location: source.location)
            }
        }
    }

    /// One landed column as it is stored: trimmed and NULL for empty text if asked, cast to its
    /// declared type; and the SQL of the reasons a row is rejected for it (a failed cast, a
    /// missing value where one is required). Missing values are judged before casting: a value
    /// that fails its cast already has a reason.
    private func standardized(
        _ landedColumn: (name: String, type: String), as name: String, declared target: SourceSchema.Column?
    ) -> (Column, [String]) {
        var reasons: [String] = []
        var value = SQL.identifier(landedColumn.name)
        var type = landedColumn.type
        if type == "VARCHAR" {
            if source.standardize.trimStrings { value = "trim(\(value))" }
            if source.standardize.emptyAsNull { value = "nullif(\(value), '')" }
        }
        let present = value
        if let target, Self.normalized(target.type) != Self.normalized(type) {
            let cast = "TRY_CAST(\(value) AS \(target.type))"
            reasons.append(
                "CASE WHEN \(value) IS NOT NULL AND \(cast) IS NULL THEN \(SQL.literal("column \(name): cannot convert '")) || left(\(value)::VARCHAR, 200) || \(SQL.literal("' to \(target.type)")) END"
            )
            value = cast
            type = target.type
        }
        if target?.nullable == false {
            reasons.append(
                "CASE WHEN \(present) IS NULL THEN \(SQL.literal("column \(name): missing value (declared nullable: false)")) END"
            )
        } else if source.load.primaryKey.contains(name) {
            reasons.append(
                "CASE WHEN \(present) IS NULL THEN \(SQL.literal("column \(name): missing primary key value")) END")
        } else if source.load.mode == .incremental, source.load.cursor == name {
            reasons.append(
                "CASE WHEN \(present) IS NULL THEN \(SQL.literal("column \(name): missing cursor value")) END")
        }
        return (Column(name: name, expression: value, type: type), reasons)
    }

    /// Compares types the way DuckDB spells them: case and spaces do not matter, nor common aliases.
    static func normalized(_ type: String) -> String {
        let compact = type.uppercased().filter { !$0.isWhitespace }
        let aliases = [
            "INT": "INTEGER", "INT4": "INTEGER", "INT8": "BIGINT", "LONG": "BIGINT", "INT2": "SMALLINT",
            "SHORT": "SMALLINT", "INT1": "TINYINT", "BOOL": "BOOLEAN", "LOGICAL": "BOOLEAN",
            "FLOAT8": "DOUBLE", "FLOAT4": "FLOAT", "REAL": "FLOAT", "NUMERIC": "DECIMAL(18,3)",
            "DECIMAL": "DECIMAL(18,3)", "STRING": "VARCHAR", "TEXT": "VARCHAR", "CHAR": "VARCHAR",
            "BPCHAR": "VARCHAR", "DATETIME": "TIMESTAMP", "TIMESTAMPTZ": "TIMESTAMPWITHTIMEZONE",
        ]
        return aliases[compact] ?? compact
    }
}
