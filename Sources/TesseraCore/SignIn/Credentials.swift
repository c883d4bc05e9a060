import Foundation
import Synchronization
import TesseraCatalog
import TesseraModel

/// Passwords of declared people and services, for the web UI's sign-in and the PostgreSQL
/// endpoint's SCRAM. The catalog keeps a SCRAM-SHA-256 verifier (`SCRAMVerifier`), never a
/// password; setting one is audited (`password.set`) and ends the principal's web sessions.
public struct Credentials: Sendable {
    let workspace: Workspace

    /// The shortest password accepted: long enough that a slow hash makes guessing hopeless.
    public static let minimumLength = 12
    static let maximumLength = 1024

    /// Sets `principal`'s password. Refused when the project does not declare the principal, when
    /// `actor` may not manage it (as for tokens: admins anyone, a person themself, an owner their
    /// domain's services), and when the password is too short or too long.
    public func setPassword(
        _ password: String, for principal: Principal, by actor: Principal = .meshOperator, now: Date = Date()
    ) async throws(CoreError) {
        let tokens = workspace.tokens
        guard tokens.declares(principal) else { throw tokens.undeclared(principal.tokenKind?.name ?? "\(principal)") }
        try tokens.checkManages(principal, by: actor, doing: "set the password of")
        guard password.count >= Self.minimumLength else {
            throw CoreError(
                .usage, "the password is too short: it needs at least \(Self.minimumLength) characters.",
                hint: "a few unrelated words make a long password that is easy to remember.")
        }
        guard password.utf8.count <= Self.maximumLength, !password.contains(where: \.isNewline) else {
            throw CoreError(.usage, "a password is one line of at most \(Self.maximumLength) bytes.")
        }
        let verifier: SCRAMVerifier
        do { verifier = try SCRAMVerifier.make(password: password) } catch { throw CoreError(catalog: error) }
        try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.setPassword(verifier, for: principal, by: Tokens.actor(actor), at: now)
            // The same password under the principal's SCRAM salt (made now when it has no token
            // yet, and then shared by its tokens): over PostgreSQL, one exchange offers one salt.
            let salt = try await catalog.scramSalt(for: principal, creatingWith: Tokens.randomSalt())
            let keys = try SCRAMVerifier.make(password: password, salt: salt, iterations: Tokens.scramIterations)
            try await catalog.recordPasswordSCRAMKeys(
                TokenSCRAMKeys(iterations: keys.iterations, storedKey: keys.storedKey, serverKey: keys.serverKey),
                for: principal)
        }
    }

    /// The SCRAM keys of the principal's password under its SCRAM salt, for the PostgreSQL
    /// endpoint; nil when the password was set before they were kept, or there is none.
    public func passwordSCRAMKeys(for principal: Principal) async throws(CoreError) -> TokenSCRAMKeys? {
        guard workspace.tokens.declares(principal), let catalog = try workspace.existingCatalog(),
            try await scramVerifier(for: principal) != nil
        else { return nil }
        do { return try await catalog.passwordSCRAMKeys(for: principal) } catch { throw CoreError(catalog: error) }
    }

    /// The principal's SCRAM-SHA-256 verifier, for a SCRAM exchange; nil when it has no password
    /// or the project no longer declares it (a password never outlives its declaration).
    public func scramVerifier(for principal: Principal) async throws(CoreError) -> SCRAMVerifier? {
        guard workspace.tokens.declares(principal), let catalog = try workspace.existingCatalog() else { return nil }
        do { return try await catalog.passwordVerifier(for: principal) } catch { throw CoreError(catalog: error) }
    }

    /// Whether `password` is the principal's. A principal without a password (or not declared)
    /// costs the same time as a wrong password, so the answer's timing says nothing about which
    /// names exist.
    public func verifyPassword(_ password: String, for principal: Principal) async throws(CoreError) -> Bool {
        guard let verifier = try await scramVerifier(for: principal) else {
            _ = Self.decoy().verifies(password: password)
            return false
        }
        return verifier.verifies(password: password)
    }

    private static let decoyVerifier = Mutex<SCRAMVerifier?>(nil)

    /// A verifier of no one's password, made once, to spend a real verification's time on.
    static func decoy() -> SCRAMVerifier {
        decoyVerifier.withLock { decoy in
            if let decoy { return decoy }
            let made =
                (try? SCRAMVerifier.make(password: UUID().uuidString))
                ?? SCRAMVerifier(
                    iterations: SCRAMVerifier.defaultIterations, salt: [0], storedKey: [], serverKey: [])
            decoy = made
            return made
        }
    }
}

extension Workspace {
    /// Passwords: set, verify, and the SCRAM verifier.
    public var credentials: Credentials { Credentials(workspace: self) }
}
