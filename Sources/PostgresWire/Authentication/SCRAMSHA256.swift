import Crypto
import Foundation

/// The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding, as PostgreSQL
/// uses it over a plain connection.
///
/// Three steps: `clientFirstMessage`, then `clientFinalMessage(serverFirst:)` with the server's
/// challenge, then `verify(serverFinal:)`, which checks that the server knew the password too —
/// without it a man in the middle could accept any proof.
struct SCRAMSHA256 {
    static let mechanism = "SCRAM-SHA-256"

    /// Servers ask for 4096 by default; refuse values that would stall the client for minutes.
    static let maximumIterations = 10_000_000

    private let password: [UInt8]
    private let clientNonce: String
    private let clientFirstBare: String
    /// Set by `clientFinalMessage`: what the server must answer.
    private(set) var expectedServerSignature: [UInt8]?

    /// `username` goes in the `n=` attribute. PostgreSQL ignores it (it uses the startup message's
    /// user) but it is part of the signed AuthMessage, so it must be exactly what was sent.
    init(username: String, password: String, clientNonce: String) {
        self.password = SASLprep.prepare(password)
        self.clientNonce = clientNonce
        self.clientFirstBare = "n=" + Self.saslName(username) + ",r=" + clientNonce
    }

    /// A fresh nonce: 18 random bytes in base64 (printable, no comma).
    static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<18).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
    }

    /// `n,,` = no channel binding, no authorization identity.
    var clientFirstMessage: [UInt8] { Array(("n,," + clientFirstBare).utf8) }

    mutating func clientFinalMessage(serverFirst: [UInt8]) throws(PostgresError) -> [UInt8] {
        guard let serverFirstText = String(validating: serverFirst, as: UTF8.self) else {
            throw Self.failure("the server's SCRAM challenge is not UTF-8")
        }
        let attributes = Self.attributes(serverFirstText)
        if attributes["m"] != nil {
            throw Self.failure("the server requires a SCRAM extension this client does not know")
        }
        guard let nonce = attributes["r"], let saltText = attributes["s"], let iterationText = attributes["i"] else {
            throw Self.failure("the server's SCRAM challenge lacks a nonce, salt or iteration count")
        }
        guard nonce.hasPrefix(clientNonce), nonce.count > clientNonce.count else {
            throw Self.failure("the server's SCRAM nonce does not extend ours")
        }
        guard let salt = Data(base64Encoded: saltText) else {
            throw Self.failure("the server's SCRAM salt is not base64")
        }
        guard let iterations = Int(iterationText), (1...Self.maximumIterations).contains(iterations) else {
            throw Self.failure("the server's SCRAM iteration count '\(iterationText)' is out of range")
        }

        let saltedPassword = Self.pbkdf2(password: password, salt: Array(salt), iterations: iterations)
        let clientKey = Self.hmac(key: saltedPassword, Array("Client Key".utf8))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let withoutProof = "c=biws,r=" + nonce  // biws = base64("n,,")
        let authMessage = Array((clientFirstBare + "," + serverFirstText + "," + withoutProof).utf8)
        let clientSignature = Self.hmac(key: storedKey, authMessage)
        let proof = zip(clientKey, clientSignature).map { $0 ^ $1 }
        let serverKey = Self.hmac(key: saltedPassword, Array("Server Key".utf8))
        expectedServerSignature = Self.hmac(key: serverKey, authMessage)
        return Array((withoutProof + ",p=" + Data(proof).base64EncodedString()).utf8)
    }

    func verify(serverFinal: [UInt8]) throws(PostgresError) {
        let attributes = Self.attributes(String(decoding: serverFinal, as: UTF8.self))
        if let error = attributes["e"] { throw Self.failure("the server rejected the SCRAM exchange (\(error))") }
        guard let expected = expectedServerSignature else {
            throw .protocolViolation("SASLFinal before SASLContinue")
        }
        guard let signatureText = attributes["v"], let signature = Data(base64Encoded: signatureText) else {
            throw Self.failure("the server's SCRAM final message has no signature")
        }
        // Constant time: do not tell an impostor how much of its guess was right.
        guard signature.count == expected.count,
            zip(signature, expected).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw Self.failure(
                "the server's SCRAM signature is wrong: it does not know the password (is something impersonating it?)")
        }
    }

    private static func failure(_ reason: String) -> PostgresError {
        PostgresError(.authenticationFailed, reason)
    }

    /// `a=value,b=value` → [a: value]. Values may contain `=` (base64 padding), never `,`.
    static func attributes(_ message: String) -> [Character: String] {
        var result: [Character: String] = [:]
        for part in message.split(separator: ",") {
            guard let key = part.first, part.dropFirst().first == "=" else { continue }
            result[key] = String(part.dropFirst(2))
        }
        return result
    }

    /// RFC 5802 `saslname`: `=` and `,` are escaped.
    static func saslName(_ name: String) -> String {
        name.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
    }

    static func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// RFC 5802 `Hi()`: PBKDF2 with HMAC-SHA-256 and one output block.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<iterations {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }
}
