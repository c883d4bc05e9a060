import Foundation
import PostgresWire
import TesseraCore

/// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL does it, without channel
/// binding (only `SCRAM-SHA-256` is offered, never `-PLUS`). Pure: the credentials and the
/// server's nonce are given, so tests can replay RFC 7677's example.
///
/// An unknown user gets the same exchange with a salt derived from its name and no secret that
/// could match: the client learns only, at the end, that sign-in failed.
public struct SCRAMServerExchange: Sendable {
    public static let mechanism = "SCRAM-SHA-256"

    let credentials: SCRAMCredentials
    let serverNonce: String
    private var clientFirstBare = ""
    private var serverFirst = ""
    private var gs2Header = ""
    private var combinedNonce = ""

    public init(credentials: SCRAMCredentials, serverNonce: String) {
        self.credentials = credentials
        self.serverNonce = serverNonce
    }

    /// Parses SASLInitialResponse (`mechanism\0`, Int32 length, client-first-message) and
    /// returns the server-first-message.
    public mutating func serverFirstMessage(initialResponse body: [UInt8]) throws(EndpointError) -> [UInt8] {
        var reader = ByteReader(body[...])
        let mechanism: String
        let clientFirst: String
        do {
            mechanism = try reader.readCString()
            let length = Int(try reader.readInt32())
            clientFirst = String(decoding: try reader.readBytes(max(length, 0)), as: UTF8.self)
        } catch {
            throw .protocolViolation("the SASLInitialResponse is malformed")
        }
        guard mechanism == Self.mechanism else {
            throw .protocolViolation("the client chose \(mechanism); this server offers only \(Self.mechanism)")
        }
        // gs2-header: `n,,` (no channel binding) or `y,,` (the client could, but we did not offer it).
        let parts = clientFirst.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "n" || parts[0] == "y", parts[1].isEmpty else {
            throw .protocolViolation("SCRAM channel binding and authorization identities are not supported")
        }
        gs2Header = "\(parts[0]),,"
        clientFirstBare = String(parts[2])
        guard let clientNonce = SCRAMKeys.attributes(clientFirstBare)["r"], !clientNonce.isEmpty else {
            throw .protocolViolation("the SCRAM client-first-message has no nonce")
        }
        combinedNonce = clientNonce + serverNonce
        serverFirst =
            "r=\(combinedNonce),s=\(Data(credentials.salt).base64EncodedString()),i=\(credentials.iterations)"
        return Array(serverFirst.utf8)
    }

    /// Checks the client-final-message's proof against each secret of the principal; returns the
    /// server-final-message and the secret that matched, or nil when none did.
    public func verify(clientFinal body: [UInt8]) throws(EndpointError) -> (serverFinal: [UInt8], secret: String)? {
        let text = String(decoding: body, as: UTF8.self)
        guard let proofRange = text.range(of: ",p=", options: .backwards) else {
            throw .protocolViolation("the SCRAM client-final-message has no proof")
        }
        let withoutProof = String(text[..<proofRange.lowerBound])
        let attributes = SCRAMKeys.attributes(withoutProof)
        guard attributes["c"] == Data(gs2Header.utf8).base64EncodedString(), attributes["r"] == combinedNonce else {
            throw .protocolViolation("the SCRAM client-final-message does not match the exchange")
        }
        guard let proof = Data(base64Encoded: String(text[proofRange.upperBound...])), proof.count == 32 else {
            throw .protocolViolation("the SCRAM proof is not 32 bytes of base64")
        }
        let authMessage = Array((clientFirstBare + "," + serverFirst + "," + withoutProof).utf8)
        for secret in credentials.secrets {
            let signature = SCRAMKeys.hmac(key: secret.storedKey, authMessage)
            let clientKey = zip(proof, signature).map { $0 ^ $1 }
            guard SCRAMKeys.constantTimeEqual(SCRAMKeys.storedKey(clientKey: clientKey), secret.storedKey) else {
                continue
            }
            let serverSignature = SCRAMKeys.hmac(key: secret.serverKey, authMessage)
            return (Array(("v=" + Data(serverSignature).base64EncodedString()).utf8), secret.label)
        }
        return nil
    }

    /// A fresh server nonce: 18 random bytes in base64 (printable, no comma).
    public static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<18).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }

    /// Credentials for a user who does not exist (or has no secret): a salt that is the same on
    /// every attempt (derived from the name under a per-process key) and nothing to match.
    public static func decoy(user: String, key: [UInt8], principal: Principal) -> SCRAMCredentials {
        let salt = Array(SCRAMKeys.hmac(key: key, Array(user.utf8)).prefix(16))
        return SCRAMCredentials(principal: principal, salt: salt, iterations: Tokens.scramIterations, secrets: [])
    }
}
