import Foundation
import TesseraModel

/// The outcome of one check on one candidate snapshot: what was expected, what was found, and a
/// few failing rows (masked) to show why.
public struct CheckResult: Encodable, Sendable, Hashable {
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
    /// The JSON of `tessera check` and `tessera run` names fields in camelCase, as every
    /// `--format json` document does.
    enum CodingKeys: String, CodingKey {
        case name, kind, severity, status, observed, message, samples, location
        case failingRows, sampleColumns, durationMs
    }

    /// As every document writes a place: `{file, line, column}` (the text is `file:line:col`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(status, forKey: .status)
        try container.encode(failingRows, forKey: .failingRows)
        try container.encodeIfPresent(observed, forKey: .observed)
        try container.encode(message, forKey: .message)
        try container.encode(sampleColumns, forKey: .sampleColumns)
        try container.encode(samples, forKey: .samples)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(Self.place(location), forKey: .location)
    }

    /// `file:line:col` as a location; a text without line and column is the start of that file.
    static func place(_ text: String) -> SourceLocation {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else {
            return .start(of: text)
        }
        return SourceLocation(file: parts.dropLast(2).joined(separator: ":"), line: line, column: column)
    }

    public var isBlocking: Bool {
        status != .passed && severity == Check.Severity.error.rawValue
    }
}
