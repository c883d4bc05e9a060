import Foundation
import DuckDB

/// Profiles a relation's columns as part of the shared ``AggregateScan``, plus at most one more
/// query for the top values of low-cardinality columns.
///
/// Everything but the top values is an aggregate, so it rides along with the checks' scan; top
/// values need to know first which columns have few distinct values, which the scan tells.
public struct ProfilePlan: Sendable {
    public typealias Column = (name: String, type: String)

    /// Quantiles kept for numbers and times: quartiles and p5/p95 to show, deciles in between
    /// so drift has enough bins, p0 and p100 so it knows the ends of the distribution.
    public static let quantilePoints: [Double] = [
        0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 1,
    ]

    public let columns: [(name: String, type: String, kind: ColumnProfile.Kind)]
    /// Columns whose values no profile may show (`pii`, masked): a profile is read by anyone who
    /// can read the catalog. They get counts, distinct values and lengths only — no min, max,
    /// quantiles, mean or top values, which would be their values or close to them — and those
    /// are not computed at all (a string min and max cost an eighth of the scan on W3b's e-mails).
    public let sensitive: Set<String>
    /// What the Parquet writer measured while writing the relation profiled: NULL counts, min
    /// and max of the columns whose text form casts back exactly are taken from it, not scanned.
    public let written: WrittenStatistics?
    /// Columns with at most this many distinct values get top values.
    public var lowCardinalityLimit: Int64
    public var topValueCount: Int
    /// The row count the caller expects (the runtime knows it from writing the snapshot). When
    /// it is well above ``sampleRows``, quantiles, mean and standard deviation are estimated from
    /// a Bernoulli sample of about that many rows: t-digest insertion is the dearest aggregate of
    /// the profile (about 0.5 s per column on 5M rows, 2 cores) and 200k values pin a quantile to
    /// ±0.3% and a mean to a fraction of a standard deviation. Counts, NULLs, distinct values,
    /// min, max and lengths stay exact (distinct: HyperLogLog) over every row.
    public var expectedRowCount: Int64?
    public var sampleRows: Int64 = 200_000

    /// The share of rows sampled; nil when every row is used.
    public var sampleFraction: Double? {
        guard let expected = expectedRowCount, expected > 2 * sampleRows else { return nil }
        return Double(sampleRows) / Double(expected)
    }

    private struct Slots: Sendable {
        /// nil: the writer counted the NULLs (`written`).
        var count: AggregateScan.Slot?
        var written: WrittenStatistics.Column?
        var distinct: AggregateScan.Slot?
        var min: AggregateScan.Slot?
        var max: AggregateScan.Slot?
        var mean: AggregateScan.Slot?
        var stddev: AggregateScan.Slot?
        var quantiles: AggregateScan.Slot?
        var lengthMin: AggregateScan.Slot?
        var lengthMax: AggregateScan.Slot?
        var lengthMean: AggregateScan.Slot?
    }

    private var rowCountSlot: AggregateScan.Slot?
    private var slots: [Slots] = []
    private var relation = ""
    /// Mean, standard deviation and quantiles when they are sampled: a query of their own over
    /// `WHERE random() < fraction`. Inside the shared scan, the casts and the filter would run on
    /// every row — half the scan's time on 5M rows; on their own, DuckDB filters first and the
    /// query costs a fifth of that.
    private var momentsScan: AggregateScan?

    public init(
        columns: [Column], sensitive: Set<String> = [], written: WrittenStatistics? = nil,
        expectedRowCount: Int64? = nil,
        lowCardinalityLimit: Int64 = 50, topValueCount: Int = 10
    ) {
        self.columns = columns.map { ($0.name, $0.type, Self.kind(of: $0.type)) }
        self.sensitive = sensitive
        self.written = written
        self.expectedRowCount = expectedRowCount
        self.lowCardinalityLimit = lowCardinalityLimit
        self.topValueCount = topValueCount
    }

    /// Adds the profile's aggregates to `scan`.
    public mutating func contribute(to scan: inout AggregateScan) {
        relation = scan.relation
        rowCountSlot = scan.add("count(*)")
        var moments = sampleFraction.map {
            AggregateScan(relation: "(SELECT * FROM \(scan.relation) AS sampled WHERE random() < \($0))")
        }
        slots = columns.map { column in slots(for: column, scan: &scan, moments: &moments) }
        momentsScan = moments
    }

    /// The aggregates of one column: in `scan`, and its moments in `moments` when rows are sampled.
    private func slots(
        for column: (name: String, type: String, kind: ColumnProfile.Kind), scan: inout AggregateScan,
        moments: inout AggregateScan?
    ) -> Slots {
        let ref = "t." + SQL.qualified([column.name])
        let hidden = sensitive.contains(column.name)
        let known = written?.column(column.name).flatMap {
            $0.boundsAreExact && Self.boundsCastBack(column.type) ? $0 : nil
        }
        var s = Slots(count: known == nil ? scan.add("count(\(ref))") : nil, written: known)
        // Bounds the writer measured are not scanned again.
        let scansBounds = !hidden && known == nil
        switch column.kind {
        case .number where hidden, .time where hidden:
            s.distinct = scan.add("approx_count_distinct(\(ref))")
        case .number, .time:
            s.distinct = scan.add("approx_count_distinct(\(ref))")
            if scansBounds {
                s.min = scan.add("min(\(ref))")
                s.max = scan.add("max(\(ref))")
            }
            (s.mean, s.stddev, s.quantiles) = Self.moments(of: column, ref, scan: &scan, sampled: &moments)
        case .text:
            let text = column.type.uppercased().hasPrefix("VARCHAR") ? ref : "CAST(\(ref) AS VARCHAR)"
            s.distinct = scan.add("approx_count_distinct(\(ref))")
            if scansBounds {
                s.min = scan.add("min(\(text))")
                s.max = scan.add("max(\(text))")
            }
            // Bytes, not characters: strlen does not decode UTF-8 and costs a third of length.
            s.lengthMin = scan.add("min(strlen(\(text)))")
            s.lengthMax = scan.add("max(strlen(\(text)))")
            s.lengthMean = scan.add("avg(strlen(\(text)))")
        case .boolean, .other:
            break
        }
        return s
    }

    /// Mean, standard deviation and quantiles of a number or time column, from the sample when
    /// there is one. Statistics in DOUBLE: DECIMAL and integer quantiles would be rounded to the
    /// type, and times are compared as epoch seconds.
    private static func moments(
        of column: (name: String, type: String, kind: ColumnProfile.Kind), _ ref: String, scan: inout AggregateScan,
        sampled: inout AggregateScan?
    ) -> (AggregateScan.Slot, AggregateScan.Slot, AggregateScan.Slot) {
        let numeric = column.kind == .time ? "epoch(\(ref))" : "CAST(\(ref) AS DOUBLE)"
        let quantileList = "[" + quantilePoints.map { String($0) }.joined(separator: ", ") + "]"
        // approx_quantile (t-digest) and not reservoir_quantile: in DuckDB 2.0 the reservoir
        // keeps the first rows it sees, not a sample of all of them.
        let expressions = [
            "avg(\(numeric))", "stddev_samp(\(numeric))", "approx_quantile(\(numeric), \(quantileList))",
        ]
        let added = expressions.map { expression in
            guard var sample = sampled else { return scan.add(expression) }
            defer { sampled = sample }
            return sample.add(expression)
        }
        return (added[0], added[1], added[2])
    }

    /// Reads the profile from the scan's result and, when some columns have few distinct values,
    /// runs the one query for their top values.
    public func finish(scan row: AggregateScan.Result, connection: Connection) throws -> Profile {
        let rowCount = rowCountSlot.flatMap { row[$0].int64Value } ?? 0
        let momentsRow = try momentsScan.map { try $0.run(on: connection) } ?? row
        var profiles: [ColumnProfile] = []
        let writtenBounds = try typedBounds(connection: connection)
        for (index, (column, s)) in zip(columns, slots).enumerated() {
            let count = s.count.map { row[$0].int64Value ?? 0 } ?? rowCount - (s.written?.nulls ?? 0)
            var profile = ColumnProfile(
                name: column.name, type: column.type, kind: column.kind,
                count: count, nulls: rowCount - count)
            profile.distinct = s.distinct.flatMap { row[$0].int64Value }
            profile.min = s.min.flatMap { ProfileValue(row[$0]) }
            profile.max = s.max.flatMap { ProfileValue(row[$0]) }
            if let bounds = writtenBounds[index] {
                (profile.min, profile.max) = (bounds.min, bounds.max)
            }
            profile.mean = s.mean.flatMap { momentsRow[$0].doubleValue }
            profile.stddev = s.stddev.flatMap { momentsRow[$0].doubleValue }
            if let slot = s.quantiles, let values = momentsRow[slot].listValue?.compactMap(\.doubleValue),
                values.count == Self.quantilePoints.count
            {
                profile.quantiles = zip(Self.quantilePoints, values).map { ColumnProfile.Quantile(p: $0, value: $1) }
            }
            if let lo = s.lengthMin.flatMap({ row[$0].int64Value }),
                let hi = s.lengthMax.flatMap({ row[$0].int64Value }),
                let mean = s.lengthMean.flatMap({ row[$0].doubleValue })
            {
                profile.length = ColumnProfile.Lengths(min: lo, max: hi, mean: mean)
            }
            profiles.append(profile)
        }
        let categorical = profiles.indices.filter { index in
            let p = profiles[index]
            guard p.count > 0, !sensitive.contains(p.name) else { return false }
            return p.kind == .boolean || (p.distinct.map { $0 <= lowCardinalityLimit } ?? false)
        }
        if !categorical.isEmpty {
            let top = try topValues(of: categorical.map { profiles[$0] }, connection: connection)
            for (index, values) in zip(categorical, top) { profiles[index].topValues = values }
        }
        return Profile(rowCount: rowCount, columns: profiles)
    }

    /// The written bounds as typed values, per column index: one query casting their text back to
    /// the column types (no rows read).
    private func typedBounds(connection: Connection) throws -> [Int: (min: ProfileValue?, max: ProfileValue?)] {
        let wanted = slots.indices.compactMap { index -> (Int, String, String)? in
            guard let written = slots[index].written, let min = written.min, let max = written.max,
                !sensitive.contains(columns[index].name)
            else { return nil }
            return (index, min, max)
        }
        guard !wanted.isEmpty else { return [:] }
        let casts = wanted.flatMap { index, min, max in
            [min, max].map { "TRY_CAST(\(SQL.literal($0)) AS \(columns[index].type))" }
        }
        let row = try connection.rows("SELECT " + casts.joined(separator: ", ")).first ?? []
        var bounds: [Int: (min: ProfileValue?, max: ProfileValue?)] = [:]
        for (offset, (index, _, _)) in wanted.enumerated() where 2 * offset + 1 < row.count {
            bounds[index] = (ProfileValue(row[2 * offset]), ProfileValue(row[2 * offset + 1]))
        }
        return bounds
    }

    /// Whether the writer's text form of a bound of `type` casts back to the same value: integers,
    /// decimals, dates, timestamps and strings. Not floating point (the writer leaves NaN out of
    /// its bounds; DuckDB's max counts it), nor anything else (UUID, ENUM: bytes or codes).
    static func boundsCastBack(_ type: String) -> Bool {
        switch TypeWidening.canonical(type) {
        case .integer, .decimal, .date, .timestamp, .varchar: true
        case .float, .double, .other: false
        }
    }

    /// One query, one `histogram()` per column: each is a map of at most a few dozen entries, so
    /// the result is small however large the relation.
    private func topValues(of columns: [ColumnProfile], connection: Connection) throws -> [[ColumnProfile.ValueCount]] {
        let list = columns.map { "histogram(t." + SQL.qualified([$0.name]) + ")" }.joined(separator: ", ")
        let result = try connection.rows("SELECT \(list) FROM \(relation) AS t").first ?? []
        return columns.indices.map { index in
            guard index < result.count, case .map(let map) = result[index] else { return [] }
            let entries = zip(map.keys, map.values).compactMap { key, count -> ColumnProfile.ValueCount? in
                guard let value = ProfileValue(key), let count = count.int64Value else { return nil }
                return ColumnProfile.ValueCount(value: value, count: count)
            }
            let sorted = entries.sorted {
                $0.count != $1.count ? $0.count > $1.count : $0.value.description < $1.value.description
            }
            return Array(sorted.prefix(topValueCount))
        }
    }

    /// The kind of a DuckDB type as a contract writes it.
    static func kind(of type: String) -> ColumnProfile.Kind {
        let upper = type.trimmingCharacters(in: .whitespaces).uppercased()
        if upper.hasSuffix("]") { return .other }  // LIST and ARRAY
        let base = String(upper.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " })
            .trimmingCharacters(in: .whitespaces)
        switch base {
        case "TINYINT", "INT1", "SMALLINT", "INT2", "SHORT", "INTEGER", "INT", "INT4", "SIGNED", "BIGINT", "INT8",
            "LONG", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "FLOAT4",
            "REAL", "DOUBLE", "FLOAT8", "DECIMAL", "NUMERIC":
            return .number
        case "DATE", "TIMESTAMP", "DATETIME", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_US",
            "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIME":
            return .time
        case "VARCHAR", "CHAR", "BPCHAR", "TEXT", "STRING", "UUID", "ENUM":
            return .text
        case "BOOLEAN", "BOOL", "LOGICAL":
            return .boolean
        default:
            return .other
        }
    }
}
