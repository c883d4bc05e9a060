import Foundation
import TesseraCatalog
import TesseraModel

/// How long a web session lives: `idle` without a request, `absolute` whatever happens.
public struct WebSessionSettings: Sendable, Hashable {
    public var idle: TimeInterval
    public var absolute: TimeInterval
    /// A request moves the idle expiry forward at most this often (one catalog write per minute,
    /// not per page).
    public var touchEvery: TimeInterval

    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 3600, touchEvery: TimeInterval = 60) {
        self.idle = idle
        self.absolute = absolute
        self.touchEvery = touchEvery
    }
}

/// A signed-in browser: who, since when, until when, and the CSRF token every form of theirs
/// must send back (`accepts`).
public struct WebSession: Sendable {
    public let principal: Principal
    /// `password` or `token:<id>`.
    public let via: String
    public let createdAt: Date
    public let expiresAt: Date
    let id: WebSessionID

    init(_ record: WebSessionRecord, id: WebSessionID) {
        principal = record.principal
        via = record.via
        createdAt = record.createdAt
        expiresAt = record.expiresAt
        self.id = id
    }

    /// The token forms carry (a hidden field) and scripts send (`X-CSRF-Token`).
    public var csrfToken: String { id.csrfToken }

    /// Whether a request's CSRF token is this session's (constant-time).
    public func accepts(csrfToken presented: String?) -> Bool { id.accepts(csrfToken: presented) }
}

/// A session just begun: the value for the browser's cookie (shown nowhere else) and the session.
public struct NewWebSession: Sendable {
    public let cookieValue: String
    public let session: WebSession
}
