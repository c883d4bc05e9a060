import DuckDB

/// One pass over a relation that computes many aggregates at once.
///
/// Checks, the contract's null and key tests and the profile all need aggregates over the same
/// candidate snapshot. Each of them adds its expressions here and gets a slot back; the scan
/// runs them as one `SELECT` (DuckDB evaluates every aggregate in a single read of the data),
/// and each reads its own values from the result. That is how a product's checks and profile
/// cost one scan, not one per check.
public struct AggregateScan: Sendable {
    /// A place in the scan's one result row.
    public struct Slot: Sendable, Hashable {
        public let index: Int
    }

    /// The SQL of the relation scanned: a table name or `read_parquet(...)`.
    public let relation: String
    /// Joined after the relation, e.g. `LEFT JOIN (SELECT DISTINCT k FROM other) AS r1 ON ...`.
    public private(set) var joins: [String] = []
    public private(set) var expressions: [String] = []
    /// Per expression, SQL applied to its value after the scan (`$value` stands for it), e.g. to
    /// format the few sample rows an aggregate collected without formatting every row scanned.
    public private(set) var finishers: [String?] = []
    /// The same rows with a column numbering them, when the caller can give one; the scan then
    /// reads this relation instead of `relation`.
    public let numbered: NumberedRows?

    /// A relation's rows, each with a number that finds it again cheaply.
    ///
    /// Checks want up to ten failing rows each as samples. Carried through the scan as whole rows
    /// (`min_by(struct_pack(…), …)`), their argument is built for *every* row scanned: a third
    /// more time on 5M rows. Carried as numbers (`min(n, 10)`, a few integers) they cost next to
    /// nothing, and the few rows are fetched by number after the scan in one query: DuckDB skips
    /// to them (Parquet's `file_row_number`, a table's `rowid`).
    public struct NumberedRows: Sendable {
        /// E.g. `read_parquet('…/data.parquet', file_row_number = true)`.
        public let relation: String
        /// The column of `relation` holding each row's number, e.g. `file_row_number`.
        public let column: String

        public init(relation: String, column: String) {
            self.relation = relation
            self.column = column
        }
    }

    public init(relation: String, numbered: NumberedRows? = nil) {
        self.relation = relation
        self.numbered = numbered
    }

    /// Adds an aggregate expression (e.g. `count(*) FILTER (WHERE x IS NULL)`) and returns where
    /// its value will be. Identical expressions share one slot.
    public mutating func add(_ expression: String, then finisher: String? = nil) -> Slot {
        if let index = expressions.indices.first(where: { expressions[$0] == expression && finishers[$0] == finisher }) {
            return Slot(index: index)
        }
        expressions.append(expression)
        finishers.append(finisher)
        return Slot(index: expressions.count - 1)
    }

    /// Adds a join to the scanned relation; the relation itself is aliased `t`.
    public mutating func join(_ clause: String) {
        if !joins.contains(clause) { joins.append(clause) }
    }

    public var isEmpty: Bool { expressions.isEmpty }

    /// The one query: every expression as column `a<index>`.
    public var sql: String {
        let columns = expressions.enumerated().map { "\($0.element) AS a\($0.offset)" }.joined(separator: ",\n    ")
        let scan = "SELECT\n    \(columns)\nFROM \(numbered?.relation ?? relation) AS t" + joins.map { "\n" + $0 }.joined()
        guard finishers.contains(where: { $0 != nil }) else { return scan }
        let outer = finishers.enumerated().map { index, finisher in
            (finisher?.replacingOccurrences(of: "$value", with: "s.a\(index)") ?? "s.a\(index)") + " AS a\(index)"
        }
        return "SELECT \(outer.joined(separator: ", ")) FROM (\(scan)) AS s"
    }

    /// Runs the scan: one query, one row.
    public func run(on connection: Connection) throws -> Result {
        guard !isEmpty else { return Result(values: []) }
        let start = ContinuousClock.now
        let row = try connection.rows(sql).first ?? []
        return Result(values: row, elapsed: ContinuousClock.now - start)
    }

    /// The values of a finished scan.
    public struct Result: Sendable {
        public let values: [DuckDBValue]
        /// How long the query took; contributors share it out in their reports.
        public let elapsed: Duration

        public init(values: [DuckDBValue], elapsed: Duration = .zero) {
            self.values = values
            self.elapsed = elapsed
        }

        public subscript(slot: Slot) -> DuckDBValue {
            slot.index < values.count ? values[slot.index] : .null
        }
    }
}
