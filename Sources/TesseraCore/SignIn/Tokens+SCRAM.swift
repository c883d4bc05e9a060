import Foundation
import PostgresWire
import TesseraCatalog
import TesseraModel

/// What the PostgreSQL endpoint checks a SCRAM-SHA-256 proof against: the principal's salt and
/// iteration count, and the keys of each secret that may sign it in (its live tokens). Never a
/// token or a password.
public struct SCRAMCredentials: Sendable, Hashable {
    public struct Secret: Sendable, Hashable {
        public var storedKey: [UInt8]
        public var serverKey: [UInt8]
        /// What it is, for the log: `token <id>` or `password`.
        public var label: String

        public init(storedKey: [UInt8], serverKey: [UInt8], label: String) {
            self.storedKey = storedKey
            self.serverKey = serverKey
            self.label = label
        }
    }

    public var principal: Principal
    public var salt: [UInt8]
    public var iterations: Int
    public var secrets: [Secret]

    public init(principal: Principal, salt: [UInt8], iterations: Int, secrets: [Secret]) {
        self.principal = principal
        self.salt = salt
        self.iterations = iterations
        self.secrets = secrets
    }
}

extension Tokens {
    /// Tokens are 256 random bits, not something a person chose: a slow key derivation buys
    /// nothing against guessing, so PostgreSQL's default count is plenty.
    public static let scramIterations = 4096

    /// Stores a new token's SCRAM keys under its principal's salt (made on first use), so that
    /// the token can sign in over PostgreSQL too.
    func recordSCRAMKeys(of text: String, tokenID: String, principal: Principal, catalog: any CatalogStore)
        async throws(CatalogError)
    {
        let salt = try await catalog.scramSalt(for: principal, creatingWith: Self.randomSalt())
        let salted = SCRAMKeys.saltedPassword(Array(text.utf8), salt: salt, iterations: Self.scramIterations)
        let keys = TokenSCRAMKeys(
            iterations: Self.scramIterations,
            storedKey: SCRAMKeys.storedKey(clientKey: SCRAMKeys.clientKey(saltedPassword: salted)),
            serverKey: SCRAMKeys.serverKey(saltedPassword: salted))
        try await catalog.recordTokenSCRAMKeys(tokenID: tokenID, keys: keys)
    }

    /// The SCRAM credentials of the principal a PostgreSQL user name stands for: its salt and
    /// the keys of its live tokens (not revoked, not expired, made since the endpoint exists).
    /// Nil when the name is no principal of the project or it has no such token.
    public func scramCredentials(user: String, now: Date = Date()) async throws(CoreError) -> SCRAMCredentials? {
        guard let principal = try? principal(named: user), declares(principal),
            let catalog = try workspace.existingCatalog()
        else { return nil }
        do {
            guard let salt = try await catalog.existingSCRAMSalt(for: principal) else { return nil }
            let live = try await catalog.tokenSCRAMKeys(for: principal).filter { token, keys in
                token.revokedAt == nil && (token.expiresAt.map { $0 > now } ?? true)
                    && keys.iterations == Self.scramIterations
            }
            return SCRAMCredentials(
                principal: principal, salt: salt, iterations: Self.scramIterations,
                secrets: live.map { token, keys in
                    SCRAMCredentials.Secret(
                        storedKey: keys.storedKey, serverKey: keys.serverKey, label: "token \(token.id)")
                })
        } catch {
            throw CoreError(catalog: error)
        }
    }

    static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
