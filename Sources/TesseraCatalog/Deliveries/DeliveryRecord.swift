import Foundation

/// Where a dashboard delivery stands.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not done yet: tried when `nextAttemptAt` has come.
    case pending
    /// A process is rendering and sending it (until `nextAttemptAt`, its claim).
    case sending
    /// The file is in its folder, or the webhook answered 2xx.
    case delivered
    /// Given up: refused, no longer declared, every attempt failed, or a webhook's send was cut
    /// off by a stop (it is not sent again, so that it is never received twice).
    case failed
}

/// One scheduled (or asked for) delivery of a dashboard to one destination, before the catalog
/// numbers it. A webhook is named by its host and a key, never its URL.
public struct DeliveryDraft: Sendable, Hashable {
    /// `sales.overview`.
    public var dashboard: String
    /// `deliver[1]`.
    public var delivery: String
    /// A one-way key of the delivery entry and this destination: a changed entry is a new key.
    public var destinationKey: String
    /// `folder reports/` or `webhook hooks.example.com`.
    public var destination: String
    /// `folder` or `webhook`.
    public var destinationKind: String
    public var scheduledAt: Date
    /// `schedule` or `manual`.
    public var trigger: String
    /// Whose eyes it is rendered with, e.g. `domain finance`.
    public var principal: String

    public init(
        dashboard: String, delivery: String, destinationKey: String, destination: String, destinationKind: String,
        scheduledAt: Date, trigger: String, principal: String
    ) {
        self.dashboard = dashboard
        self.delivery = delivery
        self.destinationKey = destinationKey
        self.destination = destination
        self.destinationKind = destinationKind
        self.scheduledAt = scheduledAt
        self.trigger = trigger
        self.principal = principal
    }
}

/// A delivery as recorded: its draft and how it went.
public struct DeliveryRecord: Sendable, Hashable {
    public var id: Int64
    public var draft: DeliveryDraft
    public var state: DeliveryState
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// Why the last attempt failed; never a webhook's URL.
    public var lastError: String?
    /// `<product>@<snapshot id>` of what the delivered file shows.
    public var snapshots: [String]
    /// The file's name (in the folder; the multipart part's name for a webhook).
    public var fileName: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, draft: DeliveryDraft, state: DeliveryState, attempts: Int, nextAttemptAt: Date?,
        lastError: String?, snapshots: [String], fileName: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.draft = draft
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.snapshots = snapshots
        self.fileName = fileName
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The last scheduled time of one destination's delivery that the service accounted for.
public struct DeliveryCursor: Sendable, Hashable {
    public var destinationKey: String
    public var dashboard: String
    public var lastTick: Date

    public init(destinationKey: String, dashboard: String, lastTick: Date) {
        self.destinationKey = destinationKey
        self.dashboard = dashboard
        self.lastTick = lastTick
    }
}
