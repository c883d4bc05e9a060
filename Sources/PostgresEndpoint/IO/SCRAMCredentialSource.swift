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
/// SCRAM sends one salt, so a password is tried beside the tokens only when it was made with the
/// principal's SCRAM salt and the same iteration count; a principal without tokens signs in with
/// its password's own salt.
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
        return Self.combine(tokens: tokens, password: password, principal: principal)
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
