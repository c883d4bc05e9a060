import DuckDB
import Foundation
import TesseraModel

/// A product's (or model's) checks compiled into as few scans as possible.
///
/// ```swift
/// var scan = AggregateScan(relation: "read_parquet('…/*.parquet')")
/// var checks = CheckPlan(checks: product.checks, context: CheckContext(product: product))
/// checks.contribute(to: &scan, on: connection)   // validates, then adds its aggregates and joins
/// let row = try scan.run(on: connection)         // the profiler's aggregates ride along
/// let results = try checks.finish(scan: row, connection: connection)
/// ```
///
/// Every check but `unique` and `sql` is one or two aggregates of the shared scan; `unique` is
/// one grouped query, each `sql` check its own query. Row checks remember the numbers of their
/// first failing rows in the scan (``AggregateScan/NumberedRows``), and one query after it
/// fetches the sample rows of every failing check; a clean product costs exactly the scan plus
/// the `unique` and `sql` queries.
///
/// **Broken SQL in a check** (a `where`, an unknown column, a type that does not compare) must
/// not sink the scan the other checks and the profiler share. `contribute(to:on:)` therefore
/// *prepares* (binds, never executes) the plan's part of the scan first; only if that fails does
/// it prepare each check alone, and the ones DuckDB rejects become `error` results carrying
/// DuckDB's message and stay out of the scan. Binding catches unknown names and type errors;
/// an error DuckDB raises only while executing (a cast that fails on some row) fails the scan,
/// which then runs each check's part alone (``AggregateScan/run(on:)``): the checks that fail
/// become `error` results with DuckDB's message, and the others, the contract and the profile
/// still get their values.
///
/// **Durations:** the shared scan's time is split evenly among the checks that took part in it;
/// each check adds the time of its own queries (samples, `sql`).
public struct CheckPlan: Sendable {
    /// The most failing rows a result carries.
    public static let sampleLimit = 10

    public let checks: [Check]
    public let context: CheckContext
    var units: [CheckUnit] = []
    /// Per unit: its slots in the scan; nil when it is not part of the scan.
    var slots: [[AggregateScan.Slot]?] = []
    /// Per unit: DuckDB's message when preparing it failed.
    var rejected: [String?] = []
    /// Per unit, the scan slot holding its sample rows (row checks of a product with columns).
    var sampleSlots: [AggregateScan.Slot?] = []
    /// The columns samples show, looked up once.
    var sampleColumnsCache: [(name: String, type: String?)]?
    var relation = ""
    var numbered: AggregateScan.NumberedRows?
    /// Queries run after the scan (samples, `sql` checks, DESCRIBE for sample columns), for tests
    /// and for the report: a clean product without `sql` checks runs none.
    public private(set) var queriesAfterScan = 0
    /// Statements prepared (not run) to validate the checks before the scan.
    public private(set) var statementsPrepared = 0

    public init(checks: [Check], context: CheckContext) {
        self.checks = checks
        self.context = context
    }

    /// Validates the checks against `scan`'s relation and adds the valid ones' aggregates and
    /// joins to `scan`.
    public mutating func contribute(to scan: inout AggregateScan, on connection: Connection) {
        relation = scan.relation
        numbered = scan.numbered
        var aliases: [String: String] = [:]
        var next = scan.joins.count + 1
        let types = columnTypes(on: connection)
        units = checks.flatMap { check in
            CheckUnit.units(of: check, context: context, typeOf: { types[$0] }) { _, key in
                if let alias = aliases[key] { return alias }
                let alias = "_tessera_r\(next)"
                next += 1
                aliases[key] = alias
                return alias
            }
        }
        rejected = units.map { _ in nil }
        let scanned = units.indices.filter { !units[$0].aggregates.isEmpty }
        if !prepares(scanned, on: connection) {
            for index in scanned {
                rejected[index] = prepareError([index], on: connection)
            }
        }
        slots = units.indices.map { index in
            guard rejected[index] == nil, !units[index].aggregates.isEmpty else { return nil }
            units[index].joins.forEach { scan.join($0, group: index) }
            return units[index].aggregates.map { scan.add($0, group: index) }
        }
        // Samples of row checks come from the same scan: a LIMIT query per failing check would
        // read the data again whenever failures are rare. Best, the numbers of the first n
        // failing rows (fetched after the scan, all checks in one query); else `min_by(row, 0, n)`,
        // at most n failing rows, cast and masked after the scan.
        let columns = context.columns.map { (name: $0.name, type: Optional($0.type)) }
        sampleSlots = units.indices.map { index in
            guard slots[index] != nil, !columns.isEmpty, case let .rowPredicate(predicate) = units[index].form else {
                return nil
            }
            let filter = ([predicate] + (units[index].condition.map { [$0] } ?? [])).joined(separator: " AND ")
            if let numbered = self.numbered {
                return scan.add(
                    "min(t.\(SQL.qualified([numbered.column])), \(Self.sampleLimit)) FILTER (WHERE \(filter))",
                    group: index)
            }
            let row =
                "struct_pack("
                + columns.enumerated().map { "c\($0.offset) := t.\(SQL.qualified([$0.element.name]))" }
                .joined(separator: ", ") + ")"
            let format =
                "["
                + columns.enumerated().map { offset, column in
                    let value = "r.c\(offset)"
                    let shown =
                        context.mask(for: column.name).map { MaskSQL.masked(value, $0.kind, type: column.type) }
                        ?? value
                    return "CAST(\(shown) AS VARCHAR)"
                }.joined(separator: ", ") + "]"
            return scan.add(
                "min_by(\(row), 0, \(Self.sampleLimit)) FILTER (WHERE \(filter))",
                then: "list_transform($value, lambda r: \(format))", group: index)
        }
    }

    /// The scanned columns' types: the product's, or — for a model's checks, which come without
    /// columns — DESCRIBE's, asked only when a `unique` check has a single column to look up.
    private mutating func columnTypes(on connection: Connection) -> [String: String] {
        if !context.columns.isEmpty {
            return Dictionary(context.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        }
        let wanted = checks.contains { if case .unique(let columns) = $0.kind { columns.count == 1 } else { false } }
        guard wanted else { return [:] }
        let rows = (try? connection.rows("DESCRIBE SELECT * FROM \(relation) AS t")) ?? []
        return Dictionary(
            rows.compactMap { row in
                guard let name = row.first?.stringValue, row.count > 1, let type = row[1].stringValue else {
                    return nil
                }
                return (name, type)
            }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func prepares(_ indices: [Int], on connection: Connection) -> Bool {
        indices.isEmpty || prepareError(indices, on: connection) == nil
    }

    /// DuckDB's message when the scan part of `indices` does not bind, else nil.
    private mutating func prepareError(_ indices: [Int], on connection: Connection) -> String? {
        var probe = AggregateScan(relation: relation, numbered: numbered)
        for index in indices {
            units[index].joins.forEach { probe.join($0) }
            units[index].aggregates.forEach { _ = probe.add($0) }
        }
        statementsPrepared += 1
        do {
            _ = try connection.prepare(probe.sql)
            return nil
        } catch {
            return Self.message(of: error)
        }
    }

    /// The results, in the order of the checks (a multi-column `not_null` gives one per column).
    /// Throws only when the connection itself fails; a check's own SQL errors are `error` results.
    public mutating func finish(scan: AggregateScan.Result, connection: Connection) throws -> [CheckResult] {
        let inScan = slots.compactMap { $0 }.count
        let scanShareMs = inScan == 0 ? 0 : Self.milliseconds(scan.elapsed) / Double(inScan)
        var results: [CheckResult] = []
        var numberedSamples: [(result: Int, numbers: [Int64])] = []
        for (index, unit) in units.enumerated() {
            var result = CheckResult(
                name: unit.name, kind: unit.kind, severity: unit.check.severity.rawValue,
                status: .error, message: "", location: unit.check.location.description)
            if let message = rejected[index] {
                result.message = "DuckDB rejected the check's SQL: \(message)"
                results.append(result)
                continue
            }
            if let message = scan.failures[index] {
                result.message = "the check failed while running: \(message)"
                results.append(result)
                continue
            }
            let start = ContinuousClock.now
            if case let .unique(columns, integerKey) = unit.form {
                try runUnique(
                    columns, unit: unit, integerKey: integerKey, scanned: slots[index].map { $0.map { scan[$0] } },
                    connection: connection, into: &result)
                if slots[index] != nil { result.durationMs = scanShareMs }
            } else if let unitSlots = slots[index] {
                result.durationMs = scanShareMs
                if let numbers = try finishInScan(
                    unit, index: index, values: unitSlots.map { scan[$0] }, scan: scan, connection: connection,
                    into: &result)
                {
                    numberedSamples.append((results.count, numbers))
                }
            } else {
                switch unit.form {
                case let .sql(query): runSQL(query, unit: unit, connection: connection, into: &result)
                case let .invalid(message): result.message = message
                default: result.message = "the check was not part of the scan"
                }
            }
            result.durationMs += Self.milliseconds(ContinuousClock.now - start)
            results.append(result)
        }
        fetchSamples(numberedSamples, into: &results, connection: connection)
        return results
    }

    /// A check answered by the scan: its verdict, and its samples when it failed — taken from the
    /// scan, or by a query of their own; returns the numbers of the rows to fetch when samples are
    /// fetched by number after every check is done.
    private mutating func finishInScan(
        _ unit: CheckUnit, index: Int, values: [DuckDBValue], scan: AggregateScan.Result, connection: Connection,
        into result: inout CheckResult
    ) throws -> [Int64]? {
        evaluate(unit, values: values, into: &result)
        guard result.status == .failed, result.failingRows > 0 else { return nil }
        let slot = sampleSlots.indices.contains(index) ? sampleSlots[index] : nil
        if numbered != nil, let slot, case .list(let numbers) = scan[slot] {
            return numbers.compactMap(\.int64Value)
        }
        if let slot, case .list(let rows) = scan[slot] {
            result.sampleColumns = context.columns.map(\.name)
            result.samples = rows.map { row in
                if case .list(let values) = row { values.map(\.stringValue) } else { [] }
            }
            return nil
        }
        if sampleColumnsCache == nil { sampleColumnsCache = try columnsForSamples(connection) }
        let columns = sampleColumnsCache ?? []
        if let sql = unit.sampleSQL(relation: relation, selectList: selectList(columns), limit: Self.sampleLimit) {
            sample(sql, columns: columns.map(\.name), connection: connection, into: &result)
        }
        return nil
    }

    /// The sample rows of every failing row check, by their numbers, in one query; its time is
    /// shared among those checks.
    private mutating func fetchSamples(
        _ wanted: [(result: Int, numbers: [Int64])], into results: inout [CheckResult],
        connection: Connection
    ) {
        guard let numbered, !wanted.isEmpty else { return }
        let start = ContinuousClock.now
        let numbers = Set(wanted.flatMap(\.numbers)).sorted()
        let columns = context.columns.map { (name: $0.name, type: Optional($0.type)) }
        let number = "t." + SQL.qualified([numbered.column])
        queriesAfterScan += 1
        var rows: [Int64: [String?]] = [:]
        do {
            for row in try connection.rows(
                """
                SELECT \(number), \(selectList(columns)) FROM \(numbered.relation) AS t
                WHERE \(number) IN (\(numbers.map(String.init).joined(separator: ", ")))
                """)
            {
                if let key = row.first?.int64Value { rows[key] = row.dropFirst().map(\.stringValue) }
            }
        } catch {
            for (index, _) in wanted { results[index].message += " (samples unavailable: \(Self.message(of: error)))" }
            return
        }
        let share = Self.milliseconds(ContinuousClock.now - start) / Double(wanted.count)
        for (index, numbers) in wanted {
            results[index].sampleColumns = columns.map(\.name)
            results[index].samples = numbers.compactMap { rows[$0] }
            results[index].durationMs += share
        }
    }

    // MARK: Samples

    /// The product's columns from the context, or, when it gives none, the relation's own.
    private mutating func columnsForSamples(_ connection: Connection) throws -> [(name: String, type: String?)] {
        if !context.columns.isEmpty { return context.columns.map { ($0.name, $0.type) } }
        queriesAfterScan += 1
        return try connection.rows("DESCRIBE SELECT * FROM \(relation) AS t").compactMap { row in
            row.first?.stringValue.map { ($0, row.count > 1 ? row[1].stringValue : nil) }
        }
    }

    /// Every sample column as text, masked as for a reader outside the domain.
    func selectList(_ columns: [(name: String, type: String?)], qualifier: String = "t.") -> String {
        columns.map { column in
            let quoted = SQL.qualified([column.name])
            let value =
                context.mask(for: column.name).map { MaskSQL.masked(qualifier + quoted, $0.kind, type: column.type) }
                ?? qualifier + quoted
            return "CAST(\(value) AS VARCHAR) AS \(quoted)"
        }.joined(separator: ", ")
    }

    private mutating func sample(
        _ sql: String, columns: [String], connection: Connection, into result: inout CheckResult
    ) {
        queriesAfterScan += 1
        do {
            result.sampleColumns = columns
            result.samples = try connection.rows(sql).map { $0.map(\.stringValue) }
        } catch {
            result.sampleColumns = []
            result.message += " (samples unavailable: \(Self.message(of: error)))"
        }
    }

    // MARK: unique

    /// Counts the rows repeating an earlier key, then finds the first duplicated keys (in key
    /// order) and fetches up to ten rows with them (typed constants, so DuckDB can skip row groups
    /// by their statistics).
    ///
    /// A key of one integer column (`integerKey`) whose range — `scanned`, the min and max from
    /// the shared scan, or asked for here when the check has a `where` — spans at most 2^27
    /// values is counted with bitmaps (``DenseKeyBlocks``) and only the blocks holding duplicates
    /// are grouped by key. Any other key, or a failure of the bitmap queries (rows changed since
    /// the scan, say), takes one grouped query over every row.
    private mutating func runUnique(
        _ columns: [String], unit: CheckUnit, integerKey: Bool, scanned: [DuckDBValue]?,
        connection: Connection, into result: inout CheckResult
    ) throws {
        var filter = ([CheckUnit.keyIsComplete(columns)] + (unit.condition.map { [$0] } ?? [])).joined(
            separator: " AND ")
        var repeating: Int64?
        if integerKey, columns.count == 1 {
            guard
                let dense = try denseKeyBlocks(
                    of: columns[0], scanned: scanned, filter: filter, connection: connection)
            else { return evaluate(unit, values: [.bigint(0)], into: &result) }
            if let dense {
                repeating = dense.rows
                filter += dense.filter
            }
        }
        guard let row = try duplicatedKeys(columns, filter: filter, connection: connection, into: &result) else {
            return
        }
        let count = repeating ?? row.first?.int64Value ?? 0
        evaluate(unit, values: [.bigint(count)], into: &result)
        guard count > 0, row.count > 1, case .list(let duplicated) = row[1] else { return }
        try sampleDuplicates(duplicated, of: columns, unit: unit, connection: connection, into: &result)
    }

    /// For a one-column integer key: the duplicated rows counted with bitmaps (``DenseKeyBlocks``),
    /// and the filter narrowing the grouping to the blocks that hold enough of them for the
    /// samples. nil when there are no duplicates; `.some(nil)` when the bitmaps cannot be used
    /// (the caller groups every row).
    private mutating func denseKeyBlocks(
        of column: String, scanned: [DuckDBValue]?, filter: String, connection: Connection
    ) throws -> (rows: Int64, filter: String)?? {
        let key = CheckUnit.column(column)
        var range = scanned
        if range == nil {
            queriesAfterScan += 1
            range = try? connection.rows("SELECT min(\(key)), max(\(key)) FROM \(relation) AS t WHERE \(filter)").first
        }
        guard let blocks = range.flatMap({ $0.count == 2 ? DenseKeyBlocks(low: $0[0], high: $0[1]) : nil }) else {
            return .some(nil)
        }
        queriesAfterScan += 1
        guard let failing = try? blocks.repeatingRows(key: key, relation: relation, filter: filter, on: connection)
        else { return .some(nil) }
        let count = failing.reduce(0) { $0 + $1.rows }
        guard count > 0 else { return nil }
        // The blocks, in key order, until they hold enough duplicated rows for the samples.
        var searched: [Int64] = [], rows: Int64 = 0
        for block in failing where rows < Int64(Self.sampleLimit) {
            searched.append(block.block)
            rows += block.rows
        }
        return (count, " AND (" + searched.map { blocks.keys(inBlock: $0, key: key) }.joined(separator: " OR ") + ")")
    }

    /// One grouped query: how many rows repeat a key, and the first duplicated keys as text. nil
    /// (with the result an `error`) when DuckDB rejects it.
    private mutating func duplicatedKeys(
        _ columns: [String], filter: String, connection: Connection, into result: inout CheckResult
    ) throws -> [DuckDBValue]? {
        let keys = columns.enumerated().map { "\(CheckUnit.column($0.element)) AS k\($0.offset)" }.joined(
            separator: ", ")
        let asText = "[" + columns.indices.map { "CAST(k\($0) AS VARCHAR)" }.joined(separator: ", ") + "]"
        let order = columns.indices.map { "k\($0)" }.joined(separator: ", ")
        let query = """
            SELECT coalesce(sum(n - 1), 0), list(\(asText) ORDER BY \(order))[1:\(Self.sampleLimit)]
            FROM (SELECT \(keys), count(*) AS n FROM \(relation) AS t WHERE \(filter) GROUP BY ALL HAVING count(*) > 1)
            """
        // Integer keys whose range (from the column's statistics) spans at most 2^24 values are
        // counted in an array indexed by key instead of a hash table (DuckDB's "perfect hash
        // table"; its default limit is 2^12): half the time on 5M keys, 0.59 → 0.28 s, for at
        // most 2^24 counters. Other keys are hashed as before.
        // Not on a locked database: the SET would fail and abort the transaction it is in.
        let tuned = !Sandbox.isLocked(connection)
        if tuned { _ = try? connection.execute("SET perfect_ht_threshold = 24") }
        defer { if tuned { _ = try? connection.execute("RESET perfect_ht_threshold") } }
        do {
            queriesAfterScan += 1
            return try connection.rows(query).first ?? []
        } catch {
            result.status = .error
            result.message = "DuckDB rejected the check's SQL: \(Self.message(of: error))"
            return nil
        }
    }

    /// Sample rows with the duplicated keys, masked like every sample.
    private mutating func sampleDuplicates(
        _ duplicated: [DuckDBValue], of columns: [String], unit: CheckUnit, connection: Connection,
        into result: inout CheckResult
    ) throws {
        let types = Dictionary(context.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let matches = duplicated.compactMap { key -> String? in
            guard case .list(let parts) = key, parts.count == columns.count else { return nil }
            let tests = zip(columns, parts).map { column, part -> String in
                let literal = SQL.literal(part.stringValue ?? "")
                guard let type = types[column], !type.isEmpty else {
                    return "CAST(\(CheckUnit.column(column)) AS VARCHAR) = \(literal)"
                }
                return "\(CheckUnit.column(column)) = CAST(\(literal) AS \(type))"
            }
            return "(" + tests.joined(separator: " AND ") + ")"
        }
        guard !matches.isEmpty else { return }
        if sampleColumnsCache == nil { sampleColumnsCache = try columnsForSamples(connection) }
        let sampleColumns = sampleColumnsCache ?? []
        let sampleFilter = "(" + matches.joined(separator: " OR ") + ")" + (unit.condition.map { " AND \($0)" } ?? "")
        sample(
            "SELECT \(selectList(sampleColumns)) FROM \(relation) AS t WHERE \(sampleFilter) "
                + "ORDER BY \(columns.map(CheckUnit.column).joined(separator: ", ")) LIMIT \(Self.sampleLimit)",
            columns: sampleColumns.map(\.name), connection: connection, into: &result)
    }

    // MARK: sql checks

    /// Counts the query's rows in DuckDB; only when there are some, fetches up to ten, masked.
    private mutating func runSQL(
        _ query: String, unit: CheckUnit, connection: Connection, into result: inout CheckResult
    ) {
        let body = Self.substituteProduct(in: query, relation: relation)
        let name = unit.name.dropFirst(4).dropLast()
        do {
            queriesAfterScan += 1
            let count = try connection.scalar("SELECT count(*) FROM (\(body)) AS q")?.int64Value ?? 0
            result.failingRows = count
            result.status = count == 0 ? .passed : .failed
            result.message =
                count == 0
                ? "expected \(name) to return no rows; it returned none"
                : "expected \(name) to return no rows; it returned \(count)"
            guard count > 0 else { return }
            queriesAfterScan += 1
            let columns: [(name: String, type: String?)] = try connection.rows("DESCRIBE SELECT * FROM (\(body)) AS q")
                .compactMap { row in
                    row.first?.stringValue.map { ($0, row.count > 1 ? row[1].stringValue : nil) }
                }
            sample(
                "SELECT \(selectList(columns, qualifier: "q.")) FROM (\(body)) AS q LIMIT \(Self.sampleLimit)",
                columns: columns.map(\.name), connection: connection, into: &result)
        } catch {
            result.status = .error
            result.message = "the query of \(name) failed: \(Self.message(of: error))"
        }
    }

    /// `query` with every `@product` replaced by the candidate's relation, minus a trailing `;`.
    static func substituteProduct(in query: String, relation: String) -> String {
        var text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        return text.replacing(#/@product(?![A-Za-z0-9_])/#) { _ in relation }
    }

    static func message(of error: any Error) -> String {
        (error as? DuckDBError)?.message ?? String(describing: error)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
