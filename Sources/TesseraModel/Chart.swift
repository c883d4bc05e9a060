/// One chart of a dashboard: SQL over products (as `tessera query` reads them), a type, an
/// encoding of the result's columns, and its place on the grid.
public struct Chart: Sendable, Hashable {
    public var title: String
    public var sql: String
    public var sqlLocation: TextLocation
    public var type: ChartType
    public var encoding: ChartEncoding
    /// Grid columns and rows it spans (`width:`, `height:`), 1 by default.
    public var width: Int
    public var height: Int
    public var location: SourceLocation

    public init(
        title: String, sql: String, sqlLocation: TextLocation, type: ChartType, encoding: ChartEncoding,
        width: Int = 1, height: Int = 1, location: SourceLocation
    ) {
        self.title = title
        self.sql = sql
        self.sqlLocation = sqlLocation
        self.type = type
        self.encoding = encoding
        self.width = width
        self.height = height
        self.location = location
    }
}

public enum ChartType: String, Sendable, Hashable, CaseIterable {
    case line, area, bar
    case stackedBar = "stacked_bar"
    case scatter, table, number, histogram

    /// Whether `y` must name at least one numeric column.
    public var needsNumericY: Bool { ![.table, .histogram].contains(self) }
    /// Whether `x` is required.
    public var needsX: Bool { ![.table, .number].contains(self) }
}

/// Which result column plays which part, and how values read.
public struct ChartEncoding: Sendable, Hashable {
    /// A column named by the encoding, and where the file names it.
    public struct Field: Sendable, Hashable {
        public var column: String
        public var location: SourceLocation
        public init(column: String, location: SourceLocation) {
            self.column = column
            self.location = location
        }
    }

    public enum Sort: String, Sendable, Hashable, CaseIterable {
        case none, x, ascending, descending
    }

    public var x: Field?
    /// One or more measures; for `number`, the first is the value.
    public var y: [Field]
    /// A column whose values split `y` into series (lines, grouped or stacked bars).
    public var series: Field?
    /// For `number`: the column the value is compared with (the change is shown).
    public var compare: Field?
    /// For `table`: the columns shown, in order (all when empty).
    public var columns: [Field]
    public var sort: Sort
    /// e.g. `0,0`, `0.0`, `0.0%`, `$0,0.00`, `0.0a` (see docs/dashboards.md).
    public var numberFormat: String?
    /// strftime-like: `%Y-%m-%d`, `%b %Y`, `%d %b`.
    public var dateFormat: String?
    public var xTitle: String?
    public var yTitle: String?
    /// For `histogram`: how many bins (10 by default).
    public var bins: Int

    public init(
        x: Field? = nil, y: [Field] = [], series: Field? = nil, compare: Field? = nil, columns: [Field] = [],
        sort: Sort = .none, numberFormat: String? = nil, dateFormat: String? = nil, xTitle: String? = nil,
        yTitle: String? = nil, bins: Int = 10
    ) {
        self.x = x
        self.y = y
        self.series = series
        self.compare = compare
        self.columns = columns
        self.sort = sort
        self.numberFormat = numberFormat
        self.dateFormat = dateFormat
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.bins = bins
    }

    /// Every column the encoding names, with where.
    public var fields: [Field] { [x].compactMap { $0 } + y + [series, compare].compactMap { $0 } + columns }
}
