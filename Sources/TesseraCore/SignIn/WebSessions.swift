import Foundation
import TesseraCatalog
import TesseraModel

/// Browser sessions of the web UI: signing in with a password or a token, finding the session a
/// cookie names (expired ones end there), signing out. Every sign-in, refused ones too, and every
/// sign-out is audited (`web.sign_in`, `web.sign_out`) with the principal and the client's address,
/// never a password, token or session id. Throttling failed attempts is the front end's, with the
/// same `SignInThrottle` the API's bearer tokens use.
public struct WebSessions: Sendable {
    let workspace: Workspace
    public let settings: WebSessionSettings

    /// Signs in a declared person or service by password; nil when the name or the password is
    /// wrong (which of the two is not said, and both take the same time).
    public func signIn(name: String, password: String, from peer: String, now: Date = Date())
        async throws(CoreError) -> NewWebSession?
    {
        let principal = try? workspace.tokens.principal(named: name)
        let valid: Bool
        if let principal {
            valid = try await workspace.credentials.verifyPassword(password, for: principal)
        } else {
            _ = Credentials.decoy().verifies(password: password)
            valid = false
        }
        guard let principal, valid else {
            await audit(.webSignIn, target: String(name.prefix(200)), outcome: "refused", via: "password", peer: peer)
            return nil
        }
        return try await begin(for: principal, via: "password", peer: peer, now: now)
    }

    /// Signs in whoever a bearer token stands for (`Tokens.authenticate`), or says why not.
    public func signIn(token: String, from peer: String, now: Date = Date())
        async throws(CoreError) -> Result<NewWebSession, SignInFailure>
    {
        switch try await workspace.tokens.authenticate(bearer: "Bearer \(token)", now: now) {
        case .success(let signedIn):
            return .success(
                try await begin(for: signedIn.principal, via: "token:\(signedIn.tokenID)", peer: peer, now: now))
        case .failure(let failure):
            await audit(.webSignIn, target: "token", outcome: "refused", via: failure.code, peer: peer)
            return .failure(failure)
        }
    }

    func begin(for principal: Principal, via: String, peer: String, now: Date) async throws(CoreError)
        -> NewWebSession
    {
        let id = WebSessionID.generate()
        let record = WebSessionRecord(
            idHash: id.hash, principal: principal, via: via, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(settings.absolute))
        try await workspace.withCatalog { catalog throws(CatalogError) in
            // Sessions that ended long ago go as new ones begin: the table stays small.
            _ = try await catalog.deleteWebSessions(expiredAt: now, idleSince: now.addingTimeInterval(-settings.idle))
            try await catalog.createWebSession(record)
        }
        await audit(.webSignIn, target: Tokens.actor(principal), outcome: "signed in", via: via, peer: peer)
        return NewWebSession(cookieValue: id.text, session: WebSession(record, id: id))
    }

    /// The live session a cookie names; nil when there is none, or it has expired (then it is
    /// deleted), or its principal is no longer declared.
    public func session(cookie: String?, now: Date = Date()) async throws(CoreError) -> WebSession? {
        guard let cookie, let id = WebSessionID(parsing: cookie), let catalog = try workspace.existingCatalog() else {
            return nil
        }
        do {
            guard let record = try await catalog.webSession(idHash: id.hash) else { return nil }
            let idleUntil = record.lastSeenAt.addingTimeInterval(settings.idle)
            guard record.expiresAt > now, idleUntil > now, workspace.tokens.declares(record.principal) else {
                _ = try await catalog.deleteWebSession(idHash: id.hash)
                return nil
            }
            if now.timeIntervalSince(record.lastSeenAt) >= settings.touchEvery {
                try await catalog.touchWebSession(idHash: id.hash, at: now)
            }
            return WebSession(record, id: id)
        } catch {
            throw CoreError(catalog: error)
        }
    }

    /// Ends the session a cookie names; nothing when there is none.
    public func signOut(cookie: String?, from peer: String) async throws(CoreError) {
        guard let cookie, let id = WebSessionID(parsing: cookie), let catalog = try workspace.existingCatalog() else {
            return
        }
        do {
            guard let record = try await catalog.webSession(idHash: id.hash) else { return }
            _ = try await catalog.deleteWebSession(idHash: id.hash)
            await audit(
                .webSignOut, target: Tokens.actor(record.principal), outcome: "signed out", via: record.via, peer: peer)
        } catch {
            throw CoreError(catalog: error)
        }
    }

    /// Appends an audit entry; a failure to do so is warned about, and does not undo the sign-in.
    func audit(_ action: AuditAction, target: String, outcome: String, via: String, peer: String) async {
        struct Detail: Encodable {
            var via: String
            var client: String
        }
        do {
            _ = try await workspace.withCatalog { catalog throws(CatalogError) in
                try await catalog.appendAudit(
                    AuditDraft(action: action, target: target, outcome: outcome, detail: Detail(via: via, client: peer))
                )
            }
        } catch {
            workspace.warn("the audit log missed a \(action.rawValue) of \(target): \(error.message)")
        }
    }
}

extension Workspace {
    /// The web UI's browser sessions, living as `settings` says.
    public func webSessions(_ settings: WebSessionSettings = WebSessionSettings()) -> WebSessions {
        WebSessions(workspace: self, settings: settings)
    }
}
