import Foundation

/// SASLprep (RFC 4013) of a SCRAM password, the way PostgreSQL applies it.
///
/// PostgreSQL normalizes the password when it is stored and when a client proves it; when the
/// password is not valid for SASLprep it uses the raw bytes instead, on both sides. So an ASCII
/// password is used as is, and for others we map and normalize, falling back to the raw bytes on
/// any prohibited character. The bidirectional-text rule (RFC 4013 §2.4) is not checked: a
/// password that breaks it (mixed right-to-left and left-to-right text) is used raw by the server
/// but normalized here, and will fail to authenticate.
public enum SASLprep {
    public static func prepare(_ password: String) -> [UInt8] {
        let raw = Array(password.utf8)
        if raw.allSatisfy({ $0 < 0x80 }) { return raw }

        var mapped = String.UnicodeScalarView()
        for scalar in password.unicodeScalars {
            if mappedToNothing(scalar) { continue }
            mapped.append(isNonASCIISpace(scalar) ? " " : scalar)
        }
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping
        if normalized.unicodeScalars.contains(where: isProhibited) { return raw }
        return Array(normalized.utf8)
    }

    /// RFC 3454 table B.1.
    static func mappedToNothing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF: true
        default: false
        }
    }

    /// RFC 3454 table C.1.2.
    static func isNonASCIISpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// RFC 4013 §2.3: control characters, private use, non-characters, surrogates, and the other
    /// tables C.2–C.9, plus unassigned code points.
    static func isProhibited(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x0000...0x001F, 0x007F...0x009F, 0x06DD, 0x070F, 0x180E, 0x200C...0x200F, 0x2028...0x202E,
            0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFD, 0x1D173...0x1D17A, 0xE000...0xF8FF,
            0xF0000...0xFFFFD, 0x100000...0x10FFFD, 0xFDD0...0xFDEF, 0xE0001, 0xE0020...0xE007F, 0x2FF0...0x2FFB:
            return true
        default:
            if value & 0xFFFE == 0xFFFE { return true }  // U+xFFFE, U+xFFFF: non-characters
            return scalar.properties.generalCategory == .unassigned
        }
    }
}
