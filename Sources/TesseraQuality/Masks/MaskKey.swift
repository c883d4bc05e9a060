import Foundation

/// The secret behind the `hash` mask: 32 random bytes per mesh environment. With it, `hash` is a
/// keyed pseudonym (see `MaskSQL`); without it, nobody can compute or confirm one.
///
/// The bytes are never printed: `description` and `dump` show neither them nor their hex, and the
/// only way out is `fileText`, for the one file that keeps the key.
public struct MaskKey: Sendable, CustomStringConvertible, CustomReflectable {
    static let byteCount = 32
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Exactly 64 hexadecimal digits (either case), surrounding whitespace ignored; nil otherwise.
    public init?(hex text: String) {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count == 2 * Self.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// A new key from the system's cryptographically secure generator (getrandom on Linux).
    public static func generate() -> MaskKey {
        var generator = SystemRandomNumberGenerator()
        return MaskKey(bytes: (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The key as the key file keeps it: 64 lowercase hexadecimal digits and a newline.
    public var fileText: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: text, as: UTF8.self) + "\n"
    }

    public var description: String { "MaskKey(not shown)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
