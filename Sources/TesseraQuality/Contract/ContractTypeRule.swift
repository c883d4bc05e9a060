import DuckDB
import TesseraModel

/// What `tessera validate` says about the types of products, before anything runs: a contract
/// type DuckDB does not know, one no snapshot can hold exactly (``SnapshotStorage``), and a
/// check that does not fit the type of the column it tests (`freshness` on a `VARCHAR`, `range`
/// on a `DATE`, an `accepted_values` value the column cannot hold, a `relationship` between
/// columns that do not compare). Each is reported where it is written, with what to write instead.
///
/// Types are read as DuckDB reads them, in an in-memory database (no project data is opened).
/// `sql` checks and `where:` conditions are SQL of their own: a mistake in them is reported when
/// the check runs, as that check's `error` result.
public enum ContractTypeRule {
    public static func diagnostics(for project: Project) -> [Diagnostic] {
        // Types are user text spliced into SQL: the database that reads them is sandboxed too.
        guard let database = try? Database(options: Sandbox.openOptions),
            (try? Sandbox(directories: []).confine(database)) != nil,
            let connection = try? Connection(database)
        else { return [] }
        var diagnostics: [Diagnostic] = []
        var typesByProduct: [String: [String: String]] = [:]
        let products = project.domains.flatMap(\.products)
        for product in products {
            let declared = product.contract.columns.filter { !$0.type.isEmpty }
            let normalized = (try? ContractProjection.normalize(declared.map(\.type), connection: connection)) ?? []
            var types: [String: String] = [:]
            for (column, type) in zip(declared, normalized) {
                guard let type else {
                    diagnostics.append(
                        .error(
                            "column '\(column.name)': DuckDB does not know the type '\(column.type)'",
                            at: column.location,
                            hint: "a DuckDB type such as BIGINT, VARCHAR, DECIMAL(12,2), DATE or TIMESTAMP"))
                    continue
                }
                types[column.name] = type
                if let unsupported = SnapshotStorage(type: type).unsupported {
                    diagnostics.append(
                        .error(
                            "column '\(column.name)': a snapshot cannot hold \(type) exactly: \(unsupported.reason)",
                            at: column.location, hint: unsupported.instead))
                }
            }
            typesByProduct[product.qualifiedName] = types
        }
        for product in products {
            let types = typesByProduct[product.qualifiedName] ?? [:]
            for check in product.checks {
                diagnostics += problems(of: check, types: types, connection: connection) {
                    typesByProduct["\($0.domain).\($0.product)"]?[$0.column]
                }
            }
        }
        return diagnostics
    }

    /// What is wrong with one check, given the product's column types (a column without a known
    /// type is someone else's diagnostic) and the types of other products' columns.
    static func problems(
        of check: Check, types: [String: String], connection: Connection,
        target: (ColumnReference) -> String?
    ) -> [Diagnostic] {
        let at = check.location
        switch check.kind {
        case .unique, .notNull, .rowCount, .rowCountChange, .sql:
            return []
        case let .acceptedValues(column, values):
            // Every value is a VARCHAR: no query for the most common case.
            guard let type = types[column], TypeWidening.canonical(type) != .varchar else { return [] }
            return values.filter { !holds(type, value: $0, connection: connection) }.map {
                .error(
                    "accepted_values on '\(column)': '\($0)' is not a value of its type, \(type)", at: at,
                    hint: "list values a \(type) can hold, as the column's values are written (e.g. 1 or '2024-01-31')")
            }
        case let .range(column, _, _):
            guard let type = types[column], TypeClass(type) != .number else { return [] }
            return [
                .error(
                    "range on '\(column)' compares numbers, but '\(column)' is \(type)", at: at,
                    hint: TypeClass(type) == .time
                        ? "for how recent a date or timestamp is, use freshness: {column: \(column), max_age: 1d}; else a sql check"
                        : "test a number column, or write the test as a sql check")
            ]
        case let .regex(column, _):
            guard let type = types[column], TypeClass(type) != .text else { return [] }
            return [
                .error(
                    "regex on '\(column)' matches text, but '\(column)' is \(type)", at: at,
                    hint:
                        "test a VARCHAR column, or write the test as a sql check (regexp_full_match(CAST(\(column) AS VARCHAR), …))"
                )
            ]
        case let .freshness(column, _):
            guard let type = types[column], TypeClass(type) != .time else { return [] }
            return [
                .error(
                    "freshness on '\(column)' needs a date or timestamp, but '\(column)' is \(type)", at: at,
                    hint: "name a DATE or TIMESTAMP column, or make '\(column)' one in the model "
                        + "(e.g. CAST(\(column) AS TIMESTAMP) AS \(column)) and in the contract")
            ]
        case let .relationship(column, reference):
            guard let type = types[column], let other = target(reference), !TypeClass.compare(type, other) else {
                return []
            }
            return [
                .error(
                    "relationship from '\(column)' (\(type)) to \(reference) (\(other)): the two types do not compare",
                    at: at,
                    hint: "the key must have comparable types on both sides (numbers with numbers, text with text, "
                        + "times with times); cast one side in its model")
            ]
        }
    }

    /// Whether `value`, as written in the check, is a value of `type`.
    static func holds(_ type: String, value: String, connection: Connection) -> Bool {
        let sql = "SELECT TRY_CAST(\(SQL.literal(value)) AS \(type)) IS NOT NULL"
        guard let rows = try? connection.rows(sql), case .boolean(let holds)? = rows.first?.first else { return true }
        return holds
    }

    /// The kinds of values the checks care about.
    enum TypeClass: Equatable {
        case number, time, text, other

        init(_ type: String) {
            let base = TypeExpression(parsing: type)?.baseName ?? type.uppercased()
            if ["ENUM", "JSON"].contains(base) {
                self = .text
                return
            }
            if base.hasPrefix("TIMESTAMP") {
                self = .time
                return
            }
            switch TypeWidening.canonical(base) {
            case .integer, .decimal, .float, .double: self = .number
            case .date, .timestamp: self = .time
            case .varchar: self = .text
            case .other: self = .other
            }
        }

        /// Whether a column of type `a` can be joined to one of type `b`.
        static func compare(_ a: String, _ b: String) -> Bool {
            if a == b { return true }
            let (left, right) = (TypeClass(a), TypeClass(b))
            return left == right && left != .other
        }
    }
}
