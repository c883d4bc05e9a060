import Foundation
import TesseraModel

/// Something worth telling a domain's owners: a run failed, a publish was blocked, a product
/// drifted or failed warn checks, a node missed its SLA. It names where (domain, node, run) and
/// when, with a one-line message that never holds a secret (the core redacts it before it is
/// made into an event).
public struct AlertEvent: Sendable, Hashable, Codable {
    public var kind: AlertRule.Event
    public var domain: String
    /// The node, as people write it (`sales.orders`, `sales.src.orders`); nil when there is none.
    public var node: String?
    public var runID: String?
    public var environment: String
    public var time: Date
    public var message: String

    public init(
        kind: AlertRule.Event, domain: String, node: String?, runID: String?, environment: String, time: Date,
        message: String
    ) {
        self.kind = kind
        self.domain = domain
        self.node = node
        self.runID = runID
        self.environment = environment
        self.time = time
        self.message = message
    }

    /// A node past its freshness deadline: what the service raises when it sees one.
    /// `lastData` is when the node last had new data (nil: never).
    public static func slaMissed(
        node: NodeID, freshness: TimeSpan, lastData: Date?, environment: String, time: Date
    ) -> AlertEvent {
        let age = lastData.map { "its data is from \(Self.utc($0))" } ?? "it never had data"
        return AlertEvent(
            kind: .slaMissed, domain: node.domain, node: node.displayName, runID: nil, environment: environment,
            time: time, message: "\(node.displayName) is past its freshness SLA of \(freshness): \(age)")
    }

    private enum CodingKeys: String, CodingKey {
        case kind = "event", domain, node, runID = "runId", environment, time, message
    }

    /// Times as ISO 8601 in UTC; every key present (absent values as `null`), so a receiver reads
    /// the same fields every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(domain, forKey: .domain)
        try container.encode(node, forKey: .node)
        try container.encode(runID, forKey: .runID)
        try container.encode(environment, forKey: .environment)
        try container.encode(time.formatted(Self.isoStyle), forKey: .time)
        try container.encode(message, forKey: .message)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(AlertRule.Event.self, forKey: .kind)
        domain = try container.decode(String.self, forKey: .domain)
        node = try container.decodeIfPresent(String.self, forKey: .node)
        runID = try container.decodeIfPresent(String.self, forKey: .runID)
        environment = try container.decode(String.self, forKey: .environment)
        let text = try container.decode(String.self, forKey: .time)
        guard let time = try? Date(text, strategy: Self.isoStyle) else {
            throw DecodingError.dataCorruptedError(
                forKey: .time, in: container, debugDescription: "'\(text)' is not an ISO 8601 time")
        }
        self.time = time
        message = try container.decode(String.self, forKey: .message)
    }

    static let isoStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `2026-12-06 14:05:00 UTC`.
    static func utc(_ date: Date) -> String {
        date.formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
                timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian))) + " UTC"
    }
}
