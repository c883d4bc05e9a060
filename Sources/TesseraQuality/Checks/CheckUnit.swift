import DuckDB
import Foundation
import TesseraModel

/// One result's worth of a check, compiled to SQL against the scanned relation (aliased `t`).
///
/// A `not_null` over several columns gives one unit per column, so a report says which column
/// has the NULLs; every other check is one unit. The SQL is built to be as cheap as a
/// hand-written query: plain `count(*) FILTER (WHERE ...)` aggregates, `IN (...)` lists,
/// `regexp_full_match`, and no per-check subqueries (a relationship is one join of the distinct
/// target keys, added to the shared scan).
struct CheckUnit: Sendable {
    /// How the unit is evaluated.
    enum Form: Sendable {
        /// Rows failing `predicate` (and `where`) are counted in the shared scan.
        case rowPredicate(String)
        /// Rows repeating an earlier key, over rows whose key columns are all non-null
        /// (``CheckPlan/runUnique``). `integerKey`: one column of an integer type, whose range
        /// the scan finds so the distinct keys can be counted with bitmaps.
        case unique([String], integerKey: Bool)
        case rowCount(min: Int?, max: Int?)
        /// `type`: the column's DuckDB type, when known.
        case freshness(column: String, maxAge: TimeSpan, type: String?)
        case rowCountChange(maxPercent: Double)
        /// Run on its own after the scan.
        case sql(query: String)
        /// Known to be unevaluable before any query (e.g. no relation for a relationship target).
        case invalid(String)
    }

    let check: Check
    let name: String
    let form: Form
    /// Joins this unit needs in the scan and in its sample query.
    var joins: [String] = []

    var kind: String { check.kind.name.rawValue }

    /// The check's `where`, parenthesized, or nil.
    var condition: String? {
        guard let text = check.where?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return "(\(text))"
    }

    /// `count(*) FILTER (WHERE p [AND where])`. Without `where` the text is exactly what the
    /// contract verifier generates for the same test, so the scan computes it once.
    static func countWhere(_ predicate: String, _ condition: String?) -> String {
        guard let condition else { return "count(*) FILTER (WHERE \(predicate))" }
        return "count(*) FILTER (WHERE (\(predicate)) AND \(condition))"
    }

    /// The aggregates this unit adds to the shared scan, in the order ``CheckPlan`` reads them.
    var aggregates: [String] {
        switch form {
        case let .rowPredicate(predicate):
            return [Self.countWhere(predicate, condition)]
        case let .unique(columns, integerKey):
            // Counted by queries of its own (``CheckPlan/runUnique``): distinct keys cost a hash
            // table or a bitmap whether they sit in the scan or not, and those queries also find
            // the duplicated keys the samples need. An integer key's range comes from the scan
            // (often the profile's own min and max: the same text, one slot) — unless the check
            // has a `where`, which could fail while running and must not sink the shared scan:
            // then runUnique asks for the range itself.
            guard integerKey, condition == nil, let key = columns.first.map(Self.column) else { return [] }
            return ["min(\(key))", "max(\(key))"]
        case .rowCount, .rowCountChange:
            return [condition.map { "count(*) FILTER (WHERE \($0))" } ?? "count(*)"]
        case let .freshness(column, _, type):
            let newest = "max(\(Self.column(column)))" + (condition.map { " FILTER (WHERE \($0))" } ?? "")
            // DuckDB has no cast from TIMESTAMPTZ_NS to TIMESTAMP; epoch reads it as TIMESTAMPTZ.
            let instant =
                type?.uppercased() == "TIMESTAMPTZ_NS"
                ? "CAST(\(newest) AS TIMESTAMPTZ)" : "CAST(\(newest) AS TIMESTAMP)"
            return ["CAST(\(newest) AS VARCHAR)", "epoch(\(instant))"]
        case .sql, .invalid:
            return []
        }
    }

    /// Rows beyond the first of each key. A row with a NULL in any key column is never a
    /// duplicate (as in SQL's UNIQUE): NULL keys are `not_null`'s business. One column keeps the
    /// form of the hand-written query, `count(k) - count(DISTINCT k)`; several compare a row value.
    static func duplicateCount(_ columns: [String], _ condition: String?) -> String {
        if columns.count == 1, let only = columns.first {
            let key = column(only)
            guard let condition else { return "count(\(key)) - count(DISTINCT \(key))" }
            return "count(\(key)) FILTER (WHERE \(condition)) - count(DISTINCT \(key)) FILTER (WHERE \(condition))"
        }
        let filter = ([keyIsComplete(columns)] + (condition.map { [$0] } ?? [])).joined(separator: " AND ")
        let row = "(" + columns.map(column).joined(separator: ", ") + ")"
        return "count(*) FILTER (WHERE \(filter)) - count(DISTINCT \(row)) FILTER (WHERE \(filter))"
    }

    static func keyIsComplete(_ columns: [String]) -> String {
        columns.map { "\(column($0)) IS NOT NULL" }.joined(separator: " AND ")
    }

    /// A column of the scanned relation, qualified so that joined relations never shadow it.
    static func column(_ name: String) -> String { "t." + SQL.qualified([name]) }

    /// A query returning at most `limit` failing rows of a row check with `selectList` — used
    /// when the scan could not collect them (no column list to pack) — or nil for other checks.
    func sampleSQL(relation: String, selectList: String, limit: Int) -> String? {
        let from = "FROM \(relation) AS t" + joins.map { "\n" + $0 }.joined()
        switch form {
        case let .rowPredicate(predicate):
            let filter = ([predicate] + (condition.map { [$0] } ?? [])).joined(separator: " AND ")
            return "SELECT \(selectList)\n\(from)\nWHERE \(filter)\nLIMIT \(limit)"
        case .unique, .rowCount, .freshness, .rowCountChange, .sql, .invalid:
            // unique's rows come with its own grouped query (CheckPlan.runUnique).
            return nil
        }
    }
}

extension CheckUnit {
    /// The units of `check`; `joinAlias` names a new relationship join (unique per scan).
    /// `typeOf` gives a column's DuckDB type when known.
    static func units(
        of check: Check, context: CheckContext, typeOf: (String) -> String?,
        joinAlias: (String, String) -> String
    ) -> [CheckUnit] {
        switch check.kind {
        case let .unique(columns):
            let integerKey =
                columns.count == 1 && typeOf(columns[0]).map { TypeWidening.canonical($0).isInteger } == true
            return [
                CheckUnit(
                    check: check, name: "unique(\(columns.joined(separator: ", ")))",
                    form: .unique(columns, integerKey: integerKey))
            ]
        case let .notNull(columns):
            return columns.map {
                CheckUnit(check: check, name: "not_null(\($0))", form: .rowPredicate("\(column($0)) IS NULL"))
            }
        case let .acceptedValues(name, values):
            let predicate = notAccepted(name, values)
            return [CheckUnit(check: check, name: "accepted_values(\(name))", form: .rowPredicate(predicate))]
        case let .range(name, min, max):
            let predicate = outOfRange(name, min: min, max: max)
            return [CheckUnit(check: check, name: "range(\(name))", form: .rowPredicate(predicate))]
        case let .regex(name, pattern):
            // The whole value must match, as DuckDB's regexp_full_match (the fastest form too).
            let predicate = "NOT regexp_full_match(\(column(name)), \(SQL.literal(pattern)))"
            return [CheckUnit(check: check, name: "regex(\(name))", form: .rowPredicate(predicate))]
        case let .rowCount(min, max):
            return [CheckUnit(check: check, name: "row_count", form: .rowCount(min: min, max: max))]
        case let .freshness(name, maxAge):
            return [
                CheckUnit(
                    check: check, name: "freshness(\(name))",
                    form: .freshness(column: name, maxAge: maxAge, type: typeOf(name)))
            ]
        case let .relationship(name, reference):
            return [relationship(check, column: name, to: reference, context: context, joinAlias: joinAlias)]
        case let .rowCountChange(maxPercent):
            return [CheckUnit(check: check, name: "row_count_change", form: .rowCountChange(maxPercent: maxPercent))]
        case let .sql(name, query):
            return [CheckUnit(check: check, name: "sql(\(name))", form: .sql(query: query))]
        }
    }

    /// A value outside `values`. NULL NOT IN (...) is NULL, so NULLs pass: not_null is the check
    /// for them.
    private static func notAccepted(_ name: String, _ values: [String]) -> String {
        values.isEmpty
            ? "\(column(name)) IS NOT NULL"
            : "\(column(name)) NOT IN (\(values.map(SQL.literal).joined(separator: ", ")))"
    }

    private static func outOfRange(_ name: String, min: Double?, max: Double?) -> String {
        var outside: [String] = []
        if let min { outside.append("\(column(name)) < \(number(min))") }
        if let max { outside.append("\(column(name)) > \(number(max))") }
        return outside.isEmpty ? "false" : outside.count == 1 ? outside[0] : "(\(outside.joined(separator: " OR ")))"
    }

    /// A value with no match in the referenced product's column: a LEFT JOIN on its distinct keys.
    private static func relationship(
        _ check: Check, column name: String, to reference: ColumnReference, context: CheckContext,
        joinAlias: (String, String) -> String
    ) -> CheckUnit {
        let unitName = "relationship(\(name) → \(reference))"
        guard let target = context.relation(for: reference) else {
            return CheckUnit(
                check: check, name: unitName,
                form: .invalid(
                    "no relation is known for \(reference.domain).\(reference.product): is the product published and readable by this domain?"
                ))
        }
        let alias = joinAlias(name, target + "\u{0}" + reference.column)
        let join =
            "LEFT JOIN (SELECT DISTINCT \(SQL.qualified([reference.column])) AS \"_tessera_key\" FROM \(target)) AS \(alias)"
            + " ON \(column(name)) = \(alias).\"_tessera_key\""
        let predicate = "\(column(name)) IS NOT NULL AND \(alias).\"_tessera_key\" IS NULL"
        return CheckUnit(check: check, name: unitName, form: .rowPredicate(predicate), joins: [join])
    }

    /// A number as SQL and as text for people: integral values without a fraction.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
