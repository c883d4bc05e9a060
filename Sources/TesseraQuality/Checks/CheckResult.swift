import Foundation
import TesseraModel

/// The outcome of one check on one candidate snapshot: what was expected, what was found, and a
/// few failing rows (masked) to show why.
public struct CheckResult: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case passed, failed
        /// The check could not be evaluated (bad `where`, unknown column, missing relationship
        /// target, failing `sql` query); treated like a failure for blocking.
        case error
    }

    /// Stable and readable, e.g. `unique(order_id)`, `row_count`, `sql(no_free_orders)`.
    public var name: String
    /// The yaml key, e.g. `not_null`.
    public var kind: String
    /// `error` or `warn`.
    public var severity: String
    public var status: Status
    /// Rows that break the check. Checks about the whole table (`row_count`, `freshness`,
    /// `row_count_change`) report 0; their finding is `observed`.
    public var failingRows: Int64
    /// `row_count`: the count; `freshness`: the newest value as DuckDB prints it;
    /// `row_count_change`: the change in percent, signed. nil for the other kinds.
    public var observed: String?
    /// One line: what was expected and what was found.
    public var message: String
    public var sampleColumns: [String]
    /// At most ``CheckPlan/sampleLimit`` failing rows, as text, masks applied.
    public var samples: [[String?]]
    /// This check's share of the shared scan plus its own queries (samples, `sql`).
    public var durationMs: Double
    /// `file:line:col` of the check in its yaml file.
    public var location: String

    public init(
        name: String, kind: String, severity: String, status: Status, failingRows: Int64 = 0,
        observed: String? = nil, message: String, sampleColumns: [String] = [], samples: [[String?]] = [],
        durationMs: Double = 0, location: String
    ) {
        self.name = name
        self.kind = kind
        self.severity = severity
        self.status = status
        self.failingRows = failingRows
        self.observed = observed
        self.message = message
        self.sampleColumns = sampleColumns
        self.samples = samples
        self.durationMs = durationMs
        self.location = location
    }

    /// Whether this result keeps the candidate from being published.
    /// The JSON of `tessera check` and `tessera run` uses snake_case keys, as every other
    /// machine-readable document of the quality results does.
    enum CodingKeys: String, CodingKey {
        case name, kind, severity, status, observed, message, samples, location
        case failingRows = "failing_rows", sampleColumns = "sample_columns", durationMs = "duration_ms"
    }

    public var isBlocking: Bool {
        status != .passed && severity == Check.Severity.error.rawValue
    }
}
