/// Why a bearer token signed no one in. Each case is its own answer so that the service can say
/// which (an HTTP 401 with a JSON body of `code` and `message`) and count them apart; none of
/// them repeats the token presented.
public enum SignInFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `Authorization` header, or an empty one.
    case missing
    /// Not `Bearer tsr_…`, or the token is not of the shape Tessera makes.
    case malformed
    /// Well formed, but no token has this id, or its secret is not the one recorded.
    case unknown
    /// The token's `expiresAt` has passed.
    case expired(id: String)
    /// The token was revoked (`tessera token revoke`).
    case revoked(id: String)
    /// The token's principal is no longer declared in the project (removed from `admins:`,
    /// `members:` or `services:`): a token never outlives the declaration it was made for.
    case undeclared(id: String)

    /// A stable name for the case, for JSON bodies and metrics.
    public var code: String {
        switch self {
        case .missing: "token_missing"
        case .malformed: "token_malformed"
        case .unknown: "token_unknown"
        case .expired: "token_expired"
        case .revoked: "token_revoked"
        case .undeclared: "principal_undeclared"
        }
    }

    public var description: String {
        switch self {
        case .missing: "no bearer token: send `Authorization: Bearer <token>`"
        case .malformed: "the bearer token is not a Tessera token (tsr_…)"
        case .unknown: "the bearer token is not known"
        case .expired(let id): "token \(id) has expired"
        case .revoked(let id): "token \(id) was revoked"
        case .undeclared(let id): "token \(id) is for a principal the project no longer declares"
        }
    }
}
