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
        self.clientFirstBare = "n=" + SCRAMKeys.saslName(username) + ",r=" + clientNonce
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
        let attributes = SCRAMKeys.attributes(serverFirstText)
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

        let saltedPassword = SCRAMKeys.saltedPassword(password, salt: Array(salt), iterations: iterations)
        let clientKey = SCRAMKeys.clientKey(saltedPassword: saltedPassword)
        let storedKey = SCRAMKeys.storedKey(clientKey: clientKey)
        let withoutProof = "c=biws,r=" + nonce  // biws = base64("n,,")
        let authMessage = Array((clientFirstBare + "," + serverFirstText + "," + withoutProof).utf8)
        let clientSignature = SCRAMKeys.hmac(key: storedKey, authMessage)
        let proof = zip(clientKey, clientSignature).map { $0 ^ $1 }
        let serverKey = SCRAMKeys.serverKey(saltedPassword: saltedPassword)
        expectedServerSignature = SCRAMKeys.hmac(key: serverKey, authMessage)
        return Array((withoutProof + ",p=" + Data(proof).base64EncodedString()).utf8)
    }

    func verify(serverFinal: [UInt8]) throws(PostgresError) {
        let attributes = SCRAMKeys.attributes(String(decoding: serverFinal, as: UTF8.self))
        if let error = attributes["e"] { throw Self.failure("the server rejected the SCRAM exchange (\(error))") }
        guard let expected = expectedServerSignature else {
            throw .protocolViolation("SASLFinal before SASLContinue")
        }
        guard let signatureText = attributes["v"], let signature = Data(base64Encoded: signatureText) else {
            throw Self.failure("the server's SCRAM final message has no signature")
        }
        // Constant time: do not tell an impostor how much of its guess was right.
        guard SCRAMKeys.constantTimeEqual(Array(signature), expected) else {
            throw Self.failure(
                "the server's SCRAM signature is wrong: it does not know the password (is something impersonating it?)")
        }
    }

    private static func failure(_ reason: String) -> PostgresError {
        PostgresError(.authenticationFailed, reason)
    }
}
