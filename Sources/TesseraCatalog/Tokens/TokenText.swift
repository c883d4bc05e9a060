internal import Crypto
import Foundation

/// The text of a sign-in token: `tsr_<id>_<secret>`. `tsr_` makes a leaked token recognisable
/// (secret scanners, log reviews); the id (12 hex digits, public) finds the token's row without
/// scanning; the secret is 32 bytes from the system's cryptographic random source, in base64url.
///
/// Only `hash` of the secret is ever stored. SHA-256 is the right hash here, not a slow salted
/// password hash: the secret is 256 random bits, not something a person chose, so there is no
/// dictionary to try and no brute force that could finish; a slow hash would only slow every
/// request down. The hash cannot be turned back into the secret.
public struct TokenText: Sendable {
    public static let prefix = "tsr_"
    static let idLength = 12
    static let secretBytes = 32

    public let id: String
    /// Kept private so that no rendering of a `TokenText` (string interpolation, a debugger,
    /// `dump`) can show it: `text` is the one way to read it, for the one print at creation.
    private let secret: String

    /// The whole token, to be shown once to whoever asked for it.
    public var text: String { Self.prefix + id + "_" + secret }

    /// A new token: the id and the secret from the system's CSPRNG (`getrandom` on Linux,
    /// `arc4random` on Apple platforms, through `SystemRandomNumberGenerator`).
    public static func generate() -> TokenText {
        var generator = SystemRandomNumberGenerator()
        let idBytes = (0..<(idLength / 2)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secretBytes = (0..<Self.secretBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return TokenText(id: hex(idBytes), secret: base64URL(secretBytes))
    }

    /// The parts of a presented token; nil when it does not have the token's shape.
    public init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        let id = rest.prefix(Self.idLength)
        let afterID = rest.dropFirst(Self.idLength)
        guard id.count == Self.idLength, id.allSatisfy(\.isHexDigit), id.lowercased() == id,
            afterID.first == "_"
        else { return nil }
        let secret = afterID.dropFirst()
        guard secret.count == 43, secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
        else { return nil }
        self.init(id: String(id), secret: String(secret))
    }

    private init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// SHA-256 of the secret, lowercase hex: what the catalog stores.
    public var hash: String { Self.hex(Array(SHA256.hash(data: Data(secret.utf8)))) }

    /// Whether this token's secret hashes to `stored`, comparing every byte whatever the first
    /// difference: the time taken says nothing about how much of a guess was right.
    public func matches(hash stored: String) -> Bool {
        let mine = Array(hash.utf8), theirs = Array(stored.utf8)
        guard mine.count == theirs.count else { return false }
        var difference: UInt8 = 0
        for index in mine.indices { difference |= mine[index] ^ theirs[index] }
        return difference == 0
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension TokenText: CustomStringConvertible, CustomDebugStringConvertible {
    /// The id only: a token printed by accident shows nothing that signs in.
    public var description: String { "token \(id)" }
    public var debugDescription: String { description }
}
