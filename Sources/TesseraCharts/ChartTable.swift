/// The rows a chart shows, with what each column holds: the result of its SQL, already read
/// as the viewer may see it (a masked column is text).
public struct ChartTable: Sendable {
    public var columns: [ChartColumn]
    public var rows: [[ChartValue]]
    /// The query had more rows than were kept.
    public var truncated: Bool

    public init(columns: [ChartColumn], rows: [[ChartValue]], truncated: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.truncated = truncated
    }

    public func index(of column: String) -> Int? { columns.firstIndex { $0.name == column } }

    /// The values of `column`, in row order.
    public func values(_ column: String) -> [ChartValue] {
        guard let index = index(of: column) else { return [] }
        return rows.map { $0[index] }
    }

    public func kind(of column: String) -> ChartColumn.Kind? { index(of: column).map { columns[$0].kind } }
}

public struct ChartColumn: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case number, date, text
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

public enum ChartValue: Sendable, Hashable {
    case number(Double)
    /// Seconds since 1970-01-01 UTC.
    case date(Double)
    case text(String)
    case null

    /// A number or a date as a position on a continuous axis.
    public var numeric: Double? {
        switch self {
        case .number(let value), .date(let value): value
        default: nil
        }
    }
}
