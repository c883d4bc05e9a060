import Foundation
import PostgresWire
import TesseraCatalog
import TesseraCore

/// Where the endpoint finds what a user's SCRAM proof is checked against. The workspace's
/// tokens and people's passwords (`workspace.credentials`) are the source (`WorkspaceCredentials`).
public protocol SCRAMCredentialSource: Sendable {
    /// The user's credentials; nil for a user who does not exist or has nothing to sign in with.
    func credentials(user: String) async throws -> SCRAMCredentials?
}

/// The workspace's principals: their live tokens, and their password when `passwords` has one.
/// SCRAM sends one salt, so the password's keys under the principal's SCRAM salt (made when the
/// password is set) join the tokens'. A password set before those keys were kept is tried only
/// when it was made with that salt, or alone, with its own salt, by a principal without tokens.
public struct WorkspaceCredentials: SCRAMCredentialSource {
    let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func credentials(user: String) async throws -> SCRAMCredentials? {
        let tokens = try await workspace.tokens.scramCredentials(user: user)
        guard let principal = try? workspace.tokens.principal(named: user),
            let password = try await workspace.credentials.scramVerifier(for: principal)
        else { return tokens }
        let keys = try await workspace.credentials.passwordSCRAMKeys(for: principal)
        return Self.combine(tokens: tokens, password: password, passwordKeys: keys, principal: principal)
    }

    /// The password joins the tokens by its keys under their salt; failing those (a password set
    /// before they were kept), when it has their salt and iteration count; alone, it signs in with
    /// its own; with tokens of another salt, it is left out (SCRAM sends one salt).
    static func combine(
        tokens: SCRAMCredentials?, password: SCRAMVerifier?, passwordKeys: TokenSCRAMKeys? = nil,
        principal: Principal
    ) -> SCRAMCredentials? {
        guard let password else { return tokens }
        if var tokens, let keys = passwordKeys, keys.iterations == tokens.iterations {
            tokens.secrets.append(
                SCRAMCredentials.Secret(storedKey: keys.storedKey, serverKey: keys.serverKey, label: "password"))
            return tokens
        }
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
