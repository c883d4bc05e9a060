import Foundation
import TesseraModel

/// A signed-in browser session as the catalog keeps it. The session's id travels only in the
/// browser's cookie; the catalog has its SHA-256 (`idHash`), so a copy of the catalog signs no
/// one in. `via` says how the session began (`password`, or `token:<id>`), for the audit log.
public struct WebSessionRecord: Sendable, Hashable {
    public var idHash: String
    public var principal: Principal
    public var via: String
    public var createdAt: Date
    /// The last request seen (updated at most once a minute): the idle expiry counts from it.
    public var lastSeenAt: Date
    /// The absolute expiry, however active the session is.
    public var expiresAt: Date

    public init(
        idHash: String, principal: Principal, via: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date
    ) {
        self.idHash = idHash
        self.principal = principal
        self.via = via
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}
