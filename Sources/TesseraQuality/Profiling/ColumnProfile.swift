/// What one column of a snapshot held. Which statistics are present depends on ``kind``:
/// numbers and times have mean, stddev and quantiles; text has lengths; low-cardinality
/// columns have top values; other types only counts.
public struct ColumnProfile: Codable, Sendable, Hashable {
    /// How a column is profiled, from its contract type.
    public enum Kind: String, Codable, Sendable, Hashable {
        case number, time, text, boolean, other
    }

    /// A quantile: the value below which a share `p` (0–1) of the non-null values lies. For
    /// times the value is in seconds since the epoch.
    public struct Quantile: Codable, Sendable, Hashable {
        public var p: Double
        public var value: Double
        public init(p: Double, value: Double) {
            self.p = p
            self.value = value
        }
    }

    public struct ValueCount: Codable, Sendable, Hashable {
        public var value: ProfileValue
        public var count: Int64
        public init(value: ProfileValue, count: Int64) {
            self.value = value
            self.count = count
        }
    }

    /// Text lengths in bytes (UTF-8).
    public struct Lengths: Codable, Sendable, Hashable {
        public var min: Int64
        public var max: Int64
        public var mean: Double
        public init(min: Int64, max: Int64, mean: Double) {
            self.min = min
            self.max = max
            self.mean = mean
        }
    }

    public var name: String
    public var type: String
    public var kind: Kind
    /// Non-null values.
    public var count: Int64
    public var nulls: Int64
    /// Approximate (HyperLogLog) number of distinct non-null values.
    public var distinct: Int64?
    /// In the column's own type (times as text, e.g. `2024-05-01 12:00:00`).
    public var min: ProfileValue?
    public var max: ProfileValue?
    /// For times: in seconds since the epoch.
    public var mean: Double?
    public var stddev: Double?
    /// Ascending by `p`, including p0 and p100 (approximate minimum and maximum), so that drift
    /// can read the whole distribution off them.
    public var quantiles: [Quantile]?
    public var length: Lengths?
    /// The most frequent values, most frequent first (ties by value), for low-cardinality columns.
    public var topValues: [ValueCount]?

    public init(name: String, type: String, kind: Kind, count: Int64, nulls: Int64) {
        self.name = name
        self.type = type
        self.kind = kind
        self.count = count
        self.nulls = nulls
    }

    /// Share of rows that are NULL, 0–1.
    public var nullRate: Double {
        let rows = count + nulls
        return rows == 0 ? 0 : Double(nulls) / Double(rows)
    }

    /// Whether the top values are every value the column holds (so a value missing from them
    /// is a value the column does not have).
    public var topValuesCoverAll: Bool {
        guard let topValues else { return false }
        return topValues.reduce(0) { $0 + $1.count } == count
    }

    public func quantile(_ p: Double) -> Double? {
        quantiles?.first { abs($0.p - p) < 1e-9 }?.value
    }

    public var p5: Double? { quantile(0.05) }
    public var p25: Double? { quantile(0.25) }
    public var p50: Double? { quantile(0.5) }
    public var p75: Double? { quantile(0.75) }
    public var p95: Double? { quantile(0.95) }
}
