import Foundation
import TesseraCatalog
import TesseraModel

/// Sign-in tokens of the environment: created for a principal the project declares, listed
/// without their secrets, revoked, and checked when a request presents one
/// (`authenticate`). The catalog keeps only a hash of each secret (`TokenText`); creating and
/// revoking go to the audit log with the token's id, never its text.
public struct Tokens: Sendable {
    let workspace: Workspace

    /// How long a checked token is trusted without asking the catalog again (`SignInCache`).
    public static let signInKeptFor: TimeInterval = SignInCache.freshFor

    /// A new token for `principal`, valid for `expires` (forever when nil). Returns its text,
    /// which nothing will show again. Refused when the project does not declare the principal,
    /// and when `by` may not make tokens for it (`checkManages`).
    public func create(
        principal: Principal, expires: TimeSpan?, name: String?, by creator: Principal = .meshOperator,
        now: Date = Date()
    ) async throws(CoreError) -> NewToken {
        guard declares(principal) else { throw undeclared(principal.tokenKind?.name ?? principal.description) }
        try checkManages(principal, by: creator, doing: "create a token for")
        if let name, name.isEmpty || name.contains(where: \.isNewline) {
            throw CoreError(.usage, "a token's name must be one line of text, not empty.")
        }
        let text = TokenText.generate()
        let record = TokenRecord(
            id: text.id, principal: principal, name: name, createdAt: now, createdBy: Self.actor(creator),
            expiresAt: expires.map { now.addingTimeInterval($0.timeInterval) }, secretHash: text.hash)
        let catalog = try workspace.catalog()
        do {
            try await catalog.createToken(record)
            try await recordSCRAMKeys(of: text.text, tokenID: text.id, principal: principal, catalog: catalog)
        } catch { throw CoreError(catalog: error) }
        return NewToken(info: TokenInfo(record, now: now), token: text.text)
    }

    /// Every token of the environment, oldest first, revoked and expired ones too.
    public func list(now: Date = Date()) async throws(CoreError) -> [TokenInfo] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        do { return try await catalog.tokens().map { TokenInfo($0, now: now) } } catch {
            throw CoreError(catalog: error)
        }
    }

    /// Revokes the token with this id: it signs no one in from now on. Revoking a revoked token
    /// changes nothing. An unknown id is a usage error.
    public func revoke(id: String, by revoker: Principal = .meshOperator, now: Date = Date())
        async throws(CoreError) -> TokenInfo
    {
        let unknown = CoreError(
            .usage, "no token has the id '\(id)'.", hint: "`tessera token list` shows the tokens and their ids.")
        guard let catalog = try workspace.existingCatalog() else { throw unknown }
        do {
            guard let token = try await catalog.token(id: id) else { throw unknown }
            try checkManages(token.principal, by: revoker, doing: "revoke a token of")
            guard let revoked = try await catalog.revokeToken(id: id, at: now) else { throw unknown }
            workspace.signIns.forget(id: id)
            return TokenInfo(revoked, now: now)
        } catch let error as CatalogError {
            throw CoreError(catalog: error)
        } catch {
            throw error as? CoreError ?? CoreError(.internalError, "\(error)")
        }
    }

    /// Who an `Authorization` header's bearer token signs in, or why it signs no one in. The
    /// token is looked up by its id and its secret's hash compared in constant time; a
    /// successful sign-in is noted as the token's last use (at most once a minute, so that a
    /// busy client does not make every request a catalog write), and kept for a few seconds
    /// (`SignInCache`: the secret and the expiry are still checked on every request, a revocation
    /// by another process is seen within `SignInCache.freshFor`). Throws only when the catalog fails.
    public func authenticate(bearer authorization: String?, now: Date = Date())
        async throws(CoreError) -> Result<SignedIn, SignInFailure>
    {
        let header = authorization?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !header.isEmpty else { return .failure(.missing) }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            let text = TokenText(parsing: parts[1].trimmingCharacters(in: .whitespaces))
        else { return .failure(.malformed) }
        if let cached = workspace.signIns.fresh(id: text.id, now: now), text.matches(hash: cached.secretHash) {
            if let expiry = cached.expiresAt, expiry <= now { return .failure(.expired(id: text.id)) }
            guard declares(cached.principal) else { return .failure(.undeclared(id: text.id)) }
            return .success(SignedIn(principal: cached.principal, tokenID: text.id))
        }
        guard let catalog = try workspace.existingCatalog() else { return .failure(.unknown) }
        do {
            guard let token = try await catalog.token(id: text.id), text.matches(hash: token.secretHash) else {
                return .failure(.unknown)
            }
            if token.revokedAt != nil { return .failure(.revoked(id: token.id)) }
            if let expiry = token.expiresAt, expiry <= now { return .failure(.expired(id: token.id)) }
            guard declares(token.principal) else { return .failure(.undeclared(id: token.id)) }
            if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
                try await catalog.recordTokenUse(id: token.id, at: now)
            }
            workspace.signIns.remember(token, at: now)
            return .success(SignedIn(principal: token.principal, tokenID: token.id))
        } catch {
            throw CoreError(catalog: error)
        }
    }

    /// How the audit log and `createdBy` name who acted: the operator as the process's `user@host`.
    static func actor(_ principal: Principal) -> String {
        switch principal {
        case .meshOperator: AuditActor.current
        case .person(let name): name
        case .service(let name): "service:\(name)"
        case .domain(let name): "domain:\(name)"
        }
    }
}
