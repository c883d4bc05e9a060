import Foundation

/// Where an alert stands in the outbox.
public enum AlertState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not delivered yet: sent when `nextAttemptAt` has come.
    case pending
    /// The webhook answered 2xx.
    case delivered
    /// Given up: the webhook refused it (a 4xx other than 429), it is no longer declared, or
    /// every attempt failed.
    case failed
}

/// An event bound for one webhook, before the outbox numbers it. The webhook is named by its
/// place in the project (`tessera.yaml alerts[1]`) and a key derived from its URL, never the URL.
public struct AlertDraft: Sendable, Hashable {
    /// `run_failed`, `publish_blocked`, `drift`, `warn_checks` or `sla_missed`.
    public var event: String
    public var domain: String
    /// The node the event is about, as people write it (`sales.orders`); nil when there is none.
    public var node: String?
    public var runID: String?
    /// When it happened.
    public var createdAt: Date
    /// The event as the JSON document the webhook's body is made from (no secret in it).
    public var payload: String
    /// Where the webhook is declared, e.g. `tessera.yaml alerts[1]`.
    public var webhook: String
    /// A one-way key of the webhook's URL and format: a changed URL is a different webhook.
    public var webhookKey: String

    public init(
        event: String, domain: String, node: String?, runID: String?, createdAt: Date, payload: String,
        webhook: String, webhookKey: String
    ) {
        self.event = event
        self.domain = domain
        self.node = node
        self.runID = runID
        self.createdAt = createdAt
        self.payload = payload
        self.webhook = webhook
        self.webhookKey = webhookKey
    }
}

/// One row of the alerts outbox: the event, its webhook and how its delivery goes.
public struct AlertRecord: Sendable, Hashable {
    public var id: Int64
    public var draft: AlertDraft
    public var state: AlertState
    /// Deliveries tried so far.
    public var attempts: Int
    /// When a pending alert is next sent (while one process sends it, a little later: its claim).
    public var nextAttemptAt: Date?
    /// Why the last attempt failed, naming the webhook's host alone (`HTTP 500 from hooks.example.com`).
    public var lastError: String?
    public var updatedAt: Date

    public init(
        id: Int64, draft: AlertDraft, state: AlertState, attempts: Int, nextAttemptAt: Date?, lastError: String?,
        updatedAt: Date
    ) {
        self.id = id
        self.draft = draft
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.updatedAt = updatedAt
    }
}
