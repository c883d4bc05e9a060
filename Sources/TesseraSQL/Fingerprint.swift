import Crypto
import Foundation

/// Fingerprints of text (SHA-256, hex), for "did this change?" questions across runs: a model's
/// SQL, its materialization, a product's contract and checks.
public enum Fingerprint {
    public static func of(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
