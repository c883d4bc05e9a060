import Crypto
import Foundation

/// The computations of SCRAM-SHA-256 (RFC 5802, RFC 7677) that both sides share: the client
/// proves it knows the password, the server checks the proof against what it stores (the salt,
/// the iteration count, StoredKey and ServerKey; never the password).
public enum SCRAMKeys {
    /// RFC 5802 `Hi()`: PBKDF2 with HMAC-SHA-256 and one output block. `password` is already
    /// prepared (`SASLprep.prepare`).
    public static func saltedPassword(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<max(iterations, 1) {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }

    public static func clientKey(saltedPassword: [UInt8]) -> [UInt8] {
        hmac(key: saltedPassword, Array("Client Key".utf8))
    }

    public static func serverKey(saltedPassword: [UInt8]) -> [UInt8] {
        hmac(key: saltedPassword, Array("Server Key".utf8))
    }

    public static func storedKey(clientKey: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: clientKey))
    }

    public static func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// Compares without an early exit: an impostor learns nothing from how long it took.
    public static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0
    }

    /// `a=value,b=value` → [a: value]. Values may contain `=` (base64 padding), never `,`.
    public static func attributes(_ message: String) -> [Character: String] {
        var result: [Character: String] = [:]
        for part in message.split(separator: ",", omittingEmptySubsequences: false) {
            guard let key = part.first, part.dropFirst().first == "=" else { continue }
            result[key] = String(part.dropFirst(2))
        }
        return result
    }

    /// RFC 5802 `saslname`: `=` and `,` are escaped.
    public static func saslName(_ name: String) -> String {
        name.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
    }
}
