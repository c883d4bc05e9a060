import DuckDB

extension ModelBuilder {
    /// A column as `DESCRIBE` shows it: name and DuckDB type, e.g. `DECIMAL(18,3)`.
    struct Column: Hashable, CustomStringConvertible {
        var name: String
        var type: String
        var description: String { "\(name) \(type)" }
    }

    /// The columns of a table (`"schema"."name"`) or of a `SELECT`. DuckDB only binds the query
    /// to answer, it does not run it.
    func describe(_ relation: String) throws -> [Column] {
        try connection.rows("DESCRIBE \(relation)").compactMap { row in
            guard row.count >= 2, let name = row[0].stringValue, let type = row[1].stringValue else { return nil }
            return Column(name: name, type: type)
        }
    }

    /// The columns of the model's query for this build.
    func describe(_ query: ModelQuery) throws -> [Column] {
        try describe("SELECT * FROM \(query.subquery)")
    }

    /// Fails unless `result` has the same column names and types, in the same order, as the
    /// existing table; the error lists what changed.
    func requireSameColumns(_ result: [Column], as existing: [Column], _ context: BuildContext, hint: String) throws {
        guard result != existing else { return }
        let old = Dictionary(existing.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(result.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [String] = []
        for column in result {
            if let before = old[column.name.lowercased()] {
                if before.type != column.type { changes.append("\(column.name) \(before.type) → \(column.type)") }
            } else {
                changes.append("new \(column)")
            }
        }
        for column in existing where new[column.name.lowercased()] == nil { changes.append("no more \(column.name)") }
        if changes.isEmpty { changes.append("the columns are in a different order") }
        throw context.error(
            .columnsChanged,
            "the query's columns no longer match the table \(context.target): \(changes.joined(separator: ", "))",
            hint: hint)
    }

    /// The columns of `columns` named `names` (DuckDB compares names case-insensitively); fails,
    /// naming `setting`, when one is missing.
    @discardableResult
    func requireColumns(_ names: [String], in columns: [Column], setting: String, _ context: BuildContext) throws
        -> [Column]
    {
        try names.map { name in
            guard let column = columns.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw context.error(
                    .configuration, "\(setting) '\(name)' is not a column of the query's result",
                    hint:
                        "the result has \(columns.map(\.name).joined(separator: ", ")); fix \(setting) in \(context.model.configFile ?? context.model.sqlFile) or the SELECT"
                )
            }
            return column
        }
    }

    /// Key mode and snapshots: a key must name one row. Fails on NULL keys first, then on
    /// duplicates, saying how many and showing one. One statement, grouped in DuckDB.
    func requireUniqueKeys(_ keys: [String], in relation: String, setting: String, _ context: BuildContext) throws {
        let anyNull = keys.map { "\(SQL.identifier($0)) IS NULL" }.joined(separator: " OR ")
        let row =
            try connection.rows(
                """
                WITH groups AS (SELECT \(BuildSQL.list(keys)), count(*) AS n FROM \(relation) GROUP BY ALL)
                SELECT
                    (SELECT coalesce(sum(n), 0) FROM groups WHERE \(anyNull)),
                    (SELECT count(*) FROM groups WHERE n > 1 AND NOT (\(anyNull))),
                    (SELECT struct_pack(\(BuildSQL.list(keys)))::VARCHAR || ' (' || n || ' rows)'
                     FROM groups WHERE n > 1 AND NOT (\(anyNull)) ORDER BY n DESC LIMIT 1)
                """
            ).first ?? []
        let keyList = keys.joined(separator: ", ")
        if let nullRows = row.first?.int64Value, nullRows > 0 {
            throw context.error(
                .nullKeys,
                "\(nullRows) row(s) of the result have a NULL in \(setting) (\(keyList)); a NULL key cannot be matched to its earlier version",
                hint: "filter those rows out or give them a key (coalesce) in \(context.model.sqlFile)")
        }
        if row.count > 2, let duplicated = row[1].int64Value, duplicated > 0 {
            let example = row[2].stringValue.map { ", e.g. \($0)" } ?? ""
            throw context.error(
                .duplicateKeys,
                "\(duplicated) key(s) appear more than once in the result\(example); \(setting) (\(keyList)) must identify one row",
                hint:
                    "fix the join that repeats rows, or keep one row per key with QUALIFY row_number() OVER (PARTITION BY \(keyList) ORDER BY …) = 1"
            )
        }
    }
}
