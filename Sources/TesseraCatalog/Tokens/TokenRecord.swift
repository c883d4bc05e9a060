import Foundation
import TesseraModel

/// One sign-in token as the catalog keeps it: who it is for, its life (created, expires, revoked,
/// last used) and the SHA-256 of its secret. The secret itself is never stored and never passes
/// through this type (`TokenText` holds it only between being made or presented and being hashed).
public struct TokenRecord: Sendable, Hashable {
    /// The public part of the token text, which finds the row (`TokenText.id`).
    public var id: String
    /// A person (`admins:`, `members:`) or a service identity (`services:`).
    public var principal: Principal
    /// A label to tell tokens apart in `tessera token list` (`laptop`, `grafana`).
    public var name: String?
    public var createdAt: Date
    /// Who made it: a principal, or the operator as `user@host`.
    public var createdBy: String
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?
    /// `TokenText.hash` of the secret, lowercase hex.
    public var secretHash: String

    public init(
        id: String, principal: Principal, name: String?, createdAt: Date, createdBy: String, expiresAt: Date?,
        revokedAt: Date? = nil, lastUsedAt: Date? = nil, secretHash: String
    ) {
        self.id = id
        self.principal = principal
        self.name = name
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
        self.secretHash = secretHash
    }
}

extension Principal {
    /// How a token's principal is stored: a kind and a name. Only people and services sign in;
    /// the operator and a domain are not identities a token could stand for.
    public var tokenKind: (kind: String, name: String)? {
        switch self {
        case .person(let name): ("person", name)
        case .service(let name): ("service", name)
        case .meshOperator, .domain: nil
        }
    }

    /// The principal a stored kind and name stand for; nil for a kind this binary does not know.
    public init?(tokenKind kind: String, name: String) {
        switch kind {
        case "person": self = .person(name)
        case "service": self = .service(name)
        default: return nil
        }
    }
}
