internal import Crypto
internal import _CryptoExtras
import Foundation

/// A password as PostgreSQL stores it for SCRAM-SHA-256 (RFC 5802, RFC 7677):
/// `SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>`.
///
/// The salted password is PBKDF2-HMAC-SHA256 of the password over the salt; `StoredKey` is the
/// SHA-256 of `HMAC(salted, "Client Key")` and `ServerKey` is `HMAC(salted, "Server Key")`.
/// Neither signs anyone in by itself: a sign-in proves the password by recomputing `StoredKey`
/// (`verifies`), and a SCRAM exchange (the PostgreSQL endpoint) uses both keys without the
/// password ever crossing the wire. Many iterations make each guess slow for whoever copies the
/// catalog.
public struct SCRAMVerifier: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "SCRAM-SHA-256"
    /// Iterations for new verifiers: a slow hash (about 0.1 s here), which a sign-in pays once.
    public static let defaultIterations = 100_000
    static let saltBytes = 16

    public let iterations: Int
    public let salt: [UInt8]
    public let storedKey: [UInt8]
    public let serverKey: [UInt8]

    public init(iterations: Int, salt: [UInt8], storedKey: [UInt8], serverKey: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.storedKey = storedKey
        self.serverKey = serverKey
    }

    /// A new verifier of `password` with a fresh random salt (or the given one, for tests).
    public static func make(
        password: String, salt: [UInt8]? = nil, iterations: Int = defaultIterations
    ) throws(CatalogError) -> SCRAMVerifier {
        var generator = SystemRandomNumberGenerator()
        let salt = salt ?? (0..<saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let salted = try saltedPassword(password, salt: salt, iterations: iterations)
        let clientKey = Array(HMAC<SHA256>.authenticationCode(for: Data("Client Key".utf8), using: salted))
        let serverKey = Array(HMAC<SHA256>.authenticationCode(for: Data("Server Key".utf8), using: salted))
        return SCRAMVerifier(
            iterations: iterations, salt: salt, storedKey: Array(SHA256.hash(data: clientKey)), serverKey: serverKey)
    }

    /// The verifier in PostgreSQL's text form; nil when `text` is not one.
    public init?(parsing text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.prefix else { return nil }
        let cost = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        let keys = parts[2].split(separator: ":", omittingEmptySubsequences: false)
        guard cost.count == 2, keys.count == 2, let iterations = Int(cost[0]), iterations > 0,
            let salt = Data(base64Encoded: String(cost[1])), !salt.isEmpty,
            let stored = Data(base64Encoded: String(keys[0])), stored.count == 32,
            let server = Data(base64Encoded: String(keys[1])), server.count == 32
        else { return nil }
        self.init(iterations: iterations, salt: Array(salt), storedKey: Array(stored), serverKey: Array(server))
    }

    public var text: String {
        "\(Self.prefix)$\(iterations):\(Data(salt).base64EncodedString())$"
            + "\(Data(storedKey).base64EncodedString()):\(Data(serverKey).base64EncodedString())"
    }

    /// Never the keys: a verifier in a log or an error says only what it is.
    public var description: String { "SCRAM-SHA-256 verifier (\(iterations) iterations)" }

    /// Whether `password` is the one this verifier was made from: its `StoredKey` recomputed and
    /// compared in constant time.
    public func verifies(password: String) -> Bool {
        guard let again = try? Self.make(password: password, salt: salt, iterations: iterations) else { return false }
        return Self.constantTimeEqual(again.storedKey, storedKey)
    }

    /// PBKDF2-HMAC-SHA256 of the password, prepared as SCRAM asks (`prepared`).
    static func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) throws(CatalogError)
        -> SymmetricKey
    {
        do {
            return try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(prepared(password).utf8), salt: salt, using: .sha256, outputByteCount: 32,
                unsafeUncheckedRounds: iterations)
        } catch {
            throw CatalogError(.internal, "cannot derive a key from the password: \(error)")
        }
    }

    /// The password as SCRAM hashes it: SASLprep's main steps (spaces of other scripts become an
    /// ASCII space, then Unicode NFKC), which leave printable ASCII unchanged.
    static func prepared(_ password: String) -> String {
        let spaced = String(
            String.UnicodeScalarView(
                password.unicodeScalars.map { scalar in
                    scalar != " " && scalar.properties.generalCategory == .spaceSeparator ? " " : scalar
                }))
        return spaced.precomposedStringWithCompatibilityMapping
    }

    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
