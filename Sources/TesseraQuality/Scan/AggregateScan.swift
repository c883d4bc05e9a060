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
    /// Per expression and per join, the groups that added it; nil when the scan's owner did
    /// (the contract, the profile), which are never isolated.
    private var expressionGroups: [Set<Int>?] = []
    private var joinGroups: [Set<Int>?] = []

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
    /// its value will be. Identical expressions share one slot. `group`: the part of the scan
    /// (a check) the expression belongs to, so that if the scan fails while running, the group
    /// fails alone (``run(on:)``).
    public mutating func add(_ expression: String, then finisher: String? = nil, group: Int? = nil) -> Slot {
        if let index = expressions.indices.first(where: { expressions[$0] == expression && finishers[$0] == finisher })
        {
            expressionGroups[index] = Self.merge(expressionGroups[index], group)
            return Slot(index: index)
        }
        expressions.append(expression)
        finishers.append(finisher)
        expressionGroups.append(group.map { [$0] })
        return Slot(index: expressions.count - 1)
    }

    /// Adds a join to the scanned relation; the relation itself is aliased `t`.
    public mutating func join(_ clause: String, group: Int? = nil) {
        if let index = joins.firstIndex(of: clause) {
            joinGroups[index] = Self.merge(joinGroups[index], group)
        } else {
            joins.append(clause)
            joinGroups.append(group.map { [$0] })
        }
    }

    /// What the scan's owner adds stays the owner's, whoever else adds it too.
    private static func merge(_ groups: Set<Int>?, _ group: Int?) -> Set<Int>? {
        guard let groups, let group else { return nil }
        return groups.union([group])
    }

    public var isEmpty: Bool { expressions.isEmpty }

    /// The one query: every expression as column `a<index>`.
    public var sql: String { sql(of: Array(expressions.indices), joins: joins) }

    /// The query of some of the expressions (numbered as in the whole scan) over the relation and `joins`.
    private func sql(of indices: [Int], joins: [String]) -> String {
        let columns = indices.map { "\(expressions[$0]) AS a\($0)" }.joined(separator: ",\n    ")
        let scan =
            "SELECT\n    \(columns)\nFROM \(numbered?.relation ?? relation) AS t" + joins.map { "\n" + $0 }.joined()
        guard indices.contains(where: { finishers[$0] != nil }) else { return scan }
        let outer = indices.map { index in
            (finishers[index]?.replacingOccurrences(of: "$value", with: "s.a\(index)") ?? "s.a\(index)")
                + " AS a\(index)"
        }
        return "SELECT \(outer.joined(separator: ", ")) FROM (\(scan)) AS s"
    }

    /// Runs the scan: one query, one row. Should it fail while running (a check whose cast fails
    /// on some row: binding could not tell), the owner's expressions run again together and each
    /// group's alone, so that only the groups that fail are lost — each with its message in
    /// ``Result/failures``. A failure of the owner's own expressions is thrown.
    public func run(on connection: Connection) throws -> Result {
        guard !isEmpty else { return Result(values: []) }
        let start = ContinuousClock.now
        let row: [DuckDBValue]
        do { row = try connection.rows(sql).first ?? [] } catch {
            guard expressionGroups.contains(where: { $0 != nil }) else { throw error }
            var result = try runIsolated(on: connection)
            result.elapsed = ContinuousClock.now - start
            return result
        }
        return Result(values: row, elapsed: ContinuousClock.now - start)
    }

    private func runIsolated(on connection: Connection) throws -> Result {
        var values = Array(repeating: DuckDBValue.null, count: expressions.count)
        var failures: [Int: String] = [:]
        func fill(_ indices: [Int], joins: [String]) throws {
            guard !indices.isEmpty else { return }
            let row = try connection.rows(sql(of: indices, joins: joins)).first ?? []
            for (index, value) in zip(indices, row) { values[index] = value }
        }
        func owned(_ groups: [Set<Int>?], _ group: Int?) -> [Int] {
            groups.indices.filter { index in
                guard let group else { return groups[index] == nil }
                return groups[index]?.contains(group) == true
            }
        }
        try fill(owned(expressionGroups, nil), joins: owned(joinGroups, nil).map { joins[$0] })
        let groups = Set(expressionGroups.compactMap { $0 }.flatMap { $0 }).sorted()
        for group in groups {
            let groupJoins = joins.indices.filter { joinGroups[$0] == nil || joinGroups[$0]?.contains(group) == true }
                .map { joins[$0] }
            do { try fill(owned(expressionGroups, group), joins: groupJoins) } catch {
                // DuckDB's message without the excerpt of the scan's SQL it points into.
                let message = (error as? DuckDBError)?.message ?? String(describing: error)
                failures[group] =
                    message.components(separatedBy: "\n\nLINE ").first?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? message
            }
        }
        return Result(values: values, failures: failures)
    }

    /// The values of a finished scan.
    public struct Result: Sendable {
        public let values: [DuckDBValue]
        /// How long the query took; contributors share it out in their reports.
        public internal(set) var elapsed: Duration
        /// DuckDB's message for each group whose expressions failed while running; their values are NULL.
        public let failures: [Int: String]

        public init(values: [DuckDBValue], elapsed: Duration = .zero, failures: [Int: String] = [:]) {
            self.values = values
            self.elapsed = elapsed
            self.failures = failures
        }

        public subscript(slot: Slot) -> DuckDBValue {
            slot.index < values.count ? values[slot.index] : .null
        }
    }
}
