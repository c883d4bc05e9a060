internal import Crypto
import Foundation

/// The secret a browser holds for its session, in its cookie: 32 bytes from the system's CSPRNG
/// in base64url (256 bits: no guessing). The catalog stores only `hash`; the session's CSRF token
/// is derived from the id (`csrfToken`), so it needs no storage and only the cookie's holder —
/// never a copy of the catalog — can compute it.
public struct WebSessionID: Sendable {
    static let bytes = 32
    /// Private, like a token's secret: `text` is the one way to read it, for the cookie.
    private let secret: String

    public var text: String { secret }

    public static func generate() -> WebSessionID {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return WebSessionID(secret: TokenText.base64URL(bytes))
    }

    /// A presented cookie value; nil when it does not have the shape of a session id.
    public init?(parsing text: String) {
        guard text.count == 43, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
        else { return nil }
        secret = text
    }

    private init(secret: String) { self.secret = secret }

    /// SHA-256 of the id, lowercase hex: what the catalog stores and looks up.
    public var hash: String { TokenText.hex(Array(SHA256.hash(data: Data(secret.utf8)))) }

    /// The session's CSRF token: HMAC-SHA256 under the session id of a fixed label, base64url.
    public var csrfToken: String {
        let key = SymmetricKey(data: Data(secret.utf8))
        return TokenText.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Data("tessera-csrf".utf8), using: key)))
    }

    /// Whether a presented CSRF token is this session's, compared in constant time.
    public func accepts(csrfToken presented: String?) -> Bool {
        guard let presented else { return false }
        return SCRAMVerifier.constantTimeEqual(Array(presented.utf8), Array(csrfToken.utf8))
    }
}
