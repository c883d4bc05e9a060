import Crypto
import Foundation

/// A short one-way key of a text that holds a credential (a webhook's URL): stored and compared
/// in its place, so the catalog can tell the same destination again without keeping the URL.
public enum OneWayKey {
    /// The first 16 hex digits of SHA-256 over `text`.
    public static func of(_ text: String) -> String {
        String(SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16))
    }
}
