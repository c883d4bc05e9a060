import Foundation
import PostgresWire
import TesseraCore

/// Where the endpoint finds what a user's SCRAM proof is checked against. The workspace's
/// tokens are one source (`WorkspaceCredentials`); people's passwords come from a
/// `PasswordVerifierSource` when the catalog keeps them.
public protocol SCRAMCredentialSource: Sendable {
    /// The user's credentials; nil for a user who does not exist or has nothing to sign in with.
    func credentials(user: String) async throws -> SCRAMCredentials?
}

/// A principal's password as PostgreSQL stores one: `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`
/// (base64 parts), or nil when it has none.
public protocol PasswordVerifierSource: Sendable {
    func scramVerifier(for principal: Principal) async throws -> String?
}

/// A parsed PostgreSQL SCRAM verifier.
public struct SCRAMVerifier: Equatable, Sendable {
    public var iterations: Int
    public var salt: [UInt8]
    public var storedKey: [UInt8]
    public var serverKey: [UInt8]

    public init?(_ text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "SCRAM-SHA-256" else { return nil }
        let head = parts[1].split(separator: ":"), keys = parts[2].split(separator: ":")
        guard head.count == 2, keys.count == 2, let iterations = Int(head[0]), iterations > 0,
            let salt = Data(base64Encoded: String(head[1])), let stored = Data(base64Encoded: String(keys[0])),
            let server = Data(base64Encoded: String(keys[1])), stored.count == 32, server.count == 32
        else { return nil }
        self.iterations = iterations
        self.salt = Array(salt)
        self.storedKey = Array(stored)
        self.serverKey = Array(server)
    }
}

/// The workspace's principals: their live tokens, and their password when `passwords` has one.
/// SCRAM sends one salt, so a password is tried beside the tokens only when it was made with the
/// principal's SCRAM salt and the same iteration count; a principal without tokens signs in with
/// its password's own salt.
public struct WorkspaceCredentials: SCRAMCredentialSource {
    let workspace: Workspace
    let passwords: (any PasswordVerifierSource)?

    public init(workspace: Workspace, passwords: (any PasswordVerifierSource)? = nil) {
        self.workspace = workspace
        self.passwords = passwords
    }

    public func credentials(user: String) async throws -> SCRAMCredentials? {
        let tokens = try await workspace.tokens.scramCredentials(user: user)
        guard let passwords, let principal = try? workspace.tokens.principal(named: user),
            let text = try await passwords.scramVerifier(for: principal)
        else { return tokens }
        return Self.combine(tokens: tokens, password: SCRAMVerifier(text), principal: principal)
    }

    /// The password joins the tokens when it has their salt and iteration count; alone, it signs
    /// in with its own; with tokens of another salt, it is left out (SCRAM sends one salt).
    static func combine(tokens: SCRAMCredentials?, password: SCRAMVerifier?, principal: Principal)
        -> SCRAMCredentials?
    {
        guard let password else { return tokens }
        let secret = SCRAMCredentials.Secret(
            storedKey: password.storedKey, serverKey: password.serverKey, label: "password")
        guard var tokens, !tokens.secrets.isEmpty else {
            return SCRAMCredentials(
                principal: principal, salt: password.salt, iterations: password.iterations, secrets: [secret])
        }
        if tokens.salt == password.salt, tokens.iterations == password.iterations { tokens.secrets.append(secret) }
        return tokens
    }
}
