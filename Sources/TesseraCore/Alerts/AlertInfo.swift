import Foundation
import TesseraCatalog

/// An alert as `tessera alerts` and the API list it: the event, the webhook by where it is
/// declared (never its URL) and how its delivery went.
public struct AlertInfo: Sendable, Hashable, Encodable {
    public var id: Int64
    /// `run_failed`, `publish_blocked`, `drift`, `warn_checks` or `sla_missed`.
    public var event: String
    public var domain: String
    public var node: String?
    public var runID: String?
    public var time: Date
    public var message: String
    /// Where the webhook is declared, e.g. `tessera.yaml alerts[1]`.
    public var webhook: String
    public var state: AlertState
    public var attempts: Int
    /// When a pending alert is tried next; nil once delivered or failed.
    public var nextAttemptAt: Date?
    /// Why the last attempt failed, naming the webhook's host alone.
    public var lastError: String?
    public var updatedAt: Date

    init(_ record: AlertRecord) {
        id = record.id
        event = record.draft.event
        domain = record.draft.domain
        node = record.draft.node
        runID = record.draft.runID
        time = record.draft.createdAt
        webhook = record.draft.webhook
        state = record.state
        attempts = record.attempts
        nextAttemptAt = record.state == .pending ? record.nextAttemptAt : nil
        lastError = record.lastError
        updatedAt = record.updatedAt
        struct Stored: Decodable { var message: String }
        message = (try? JSONDecoder().decode(Stored.self, from: Data(record.draft.payload.utf8)))?.message ?? ""
    }

    private enum CodingKeys: String, CodingKey {
        case id, event, domain, node, runID = "runId", time, message, webhook, state, attempts, nextAttemptAt,
            lastError, updatedAt
    }

    /// Times as ISO 8601 in UTC, absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(event, forKey: .event)
        try container.encode(domain, forKey: .domain)
        try container.encode(node, forKey: .node)
        try container.encode(runID, forKey: .runID)
        try container.encode(Timestamps.iso(time), forKey: .time)
        try container.encode(message, forKey: .message)
        try container.encode(webhook, forKey: .webhook)
        try container.encode(state, forKey: .state)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(nextAttemptAt.map(Timestamps.iso), forKey: .nextAttemptAt)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(Timestamps.iso(updatedAt), forKey: .updatedAt)
    }
}
