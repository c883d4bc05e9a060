import Foundation
import TesseraCatalog
import TesseraModel

/// A sign-in token as it is listed: everything but its secret, which is shown once at creation
/// and never kept, and its hash, which nothing outside the catalog needs.
public struct TokenInfo: Sendable, Hashable, Encodable {
    public enum Status: String, Sendable, Hashable, Encodable {
        case active, expired, revoked
    }

    public var id: String
    /// The person's sign-in name or the service's name.
    public var principal: String
    /// `person` or `service`.
    public var principalKind: String
    public var name: String?
    public var createdAt: Date
    public var createdBy: String
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    public var status: Status

    init(_ record: TokenRecord, now: Date) {
        id = record.id
        let kind = record.principal.tokenKind
        principal = kind?.name ?? record.principal.description
        principalKind = kind?.kind ?? ""
        name = record.name
        createdAt = record.createdAt
        createdBy = record.createdBy
        expiresAt = record.expiresAt
        lastUsedAt = record.lastUsedAt
        revokedAt = record.revokedAt
        status =
            record.revokedAt != nil ? .revoked : (record.expiresAt.map { $0 <= now } == true ? .expired : .active)
    }

    private enum CodingKeys: String, CodingKey {
        case id, principal, principalKind, name, createdAt, createdBy, expiresAt, lastUsedAt, revokedAt, status
    }

    /// Times as ISO 8601 in UTC, absent ones as `null` (a script reads the same keys every time).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(principal, forKey: .principal)
        try container.encode(principalKind, forKey: .principalKind)
        try container.encode(name, forKey: .name)
        try container.encode(Timestamps.iso(createdAt), forKey: .createdAt)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(expiresAt.map(Timestamps.iso), forKey: .expiresAt)
        try container.encode(lastUsedAt.map(Timestamps.iso), forKey: .lastUsedAt)
        try container.encode(revokedAt.map(Timestamps.iso), forKey: .revokedAt)
        try container.encode(status, forKey: .status)
    }
}
