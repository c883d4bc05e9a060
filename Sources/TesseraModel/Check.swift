/// A data check of a product or a model (docs/products.md#checks): what it tests, how much a
/// failure matters, and which rows it looks at.
public struct Check: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        /// A failure blocks publishing.
        case error
        /// A failure is reported only.
        case warn
    }

    public var kind: CheckKind
    public var severity: Severity
    /// A SQL condition restricting the rows checked.
    public var `where`: String?
    public var location: SourceLocation
    /// Where the `where:` text starts, and a `sql:` check's `query:` text: to point inside them.
    public var whereLocation: TextLocation?
    public var queryLocation: TextLocation?

    public init(kind: CheckKind, severity: Severity = .error, where condition: String? = nil, location: SourceLocation)
    {
        self.kind = kind
        self.severity = severity
        self.where = condition
        self.location = location
    }
}

/// Every check form, with its arguments.
public enum CheckKind: Sendable, Hashable {
    /// The combination of the columns is unique (one column: the column is).
    case unique(columns: [String])
    /// Each column is never null.
    case notNull(columns: [String])
    case acceptedValues(column: String, values: [String])
    /// At least one bound is set.
    case range(column: String, min: Double?, max: Double?)
    case regex(column: String, pattern: String)
    /// At least one bound is set.
    case rowCount(min: Int?, max: Int?)
    /// The newest value of `column` is at most `maxAge` old.
    case freshness(column: String, maxAge: TimeSpan)
    /// Every non-null value exists in the referenced column.
    case relationship(column: String, to: ColumnReference)
    /// The row count changed by at most this percentage against the previous snapshot.
    case rowCountChange(maxPercent: Double)
    /// A query returning the failing rows; `@product` is the candidate snapshot.
    case sql(name: String, query: String)

    /// The key the check is written with.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case unique
        case notNull = "not_null"
        case acceptedValues = "accepted_values"
        case range
        case regex
        case rowCount = "row_count"
        case freshness
        case relationship
        case rowCountChange = "row_count_change"
        case sql
    }

    public var name: Name {
        switch self {
        case .unique: .unique
        case .notNull: .notNull
        case .acceptedValues: .acceptedValues
        case .range: .range
        case .regex: .regex
        case .rowCount: .rowCount
        case .freshness: .freshness
        case .relationship: .relationship
        case .rowCountChange: .rowCountChange
        case .sql: .sql
        }
    }

    /// The columns of the checked table the check reads.
    public var columns: [String] {
        switch self {
        case let .unique(columns), let .notNull(columns): columns
        case let .acceptedValues(column, _), let .range(column, _, _), let .regex(column, _),
            let .freshness(column, _), let .relationship(column, _):
            [column]
        case .rowCount, .rowCountChange, .sql: []
        }
    }
}
