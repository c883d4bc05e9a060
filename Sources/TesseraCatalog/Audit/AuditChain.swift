internal import Crypto
import Foundation

/// How entries are hashed and linked. The canonical encoding is a version tag and every field as
/// `<UTF-8 byte count>:<bytes>\n`, in a fixed order ending with the previous hash: length
/// prefixes make it unambiguous (no field can borrow bytes from its neighbour), and hashing the
/// stored text (time and detail as written) means a reader never has to re-serialise anything
/// to check it.
public enum AuditChain {
    /// The `previousHash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)
    static let version = "tessera-audit-1"

    public static func hash(
        sequence: Int64, time: String, actor: String, action: String, target: String,
        outcome: String, detail: String, previousHash: String
    ) -> String {
        var bytes = Data((version + "\n").utf8)
        for field in [String(sequence), time, actor, action, target, outcome, detail, previousHash] {
            let utf8 = Data(field.utf8)
            bytes.append(contentsOf: "\(utf8.count):".utf8)
            bytes.append(utf8)
            bytes.append(0x0A)
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    public static func hash(of entry: AuditEntry) -> String {
        hash(
            sequence: entry.sequence, time: entry.time, actor: entry.actor, action: entry.action, target: entry.target,
            outcome: entry.outcome, detail: entry.detail, previousHash: entry.previousHash)
    }

    /// Milliseconds, UTC, `Z`: the form stored and hashed.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
