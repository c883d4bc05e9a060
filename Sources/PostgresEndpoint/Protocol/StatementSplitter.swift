import Foundation

/// The statements of a simple Query message, split at the semicolons between them as
/// PostgreSQL's lexer sees them: not inside quotes ('…', E'…' with backslash escapes, "…"),
/// dollar quotes ($$…$$, $tag$…$tag$) or comments (-- to the end of the line, nested /* */).
/// Statements with nothing but blanks and comments are dropped, as PostgreSQL drops them.
enum StatementSplitter {
    static func statements(_ sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var start = 0, index = 0, hasCode = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") {
                if hasCode { statements.append(text(bytes, start, index)) }
                index += 1
                (start, hasCode) = (index, false)
                continue
            }
            let end = skip(bytes, at: index)
            if !isBlankOrComment(bytes, at: index) { hasCode = true }
            index = end
        }
        if hasCode { statements.append(text(bytes, start, bytes.count)) }
        return statements
    }

    private static func text(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isBlankOrComment(_ bytes: [UInt8], at index: Int) -> Bool {
        let byte = bytes[index]
        if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
        return starts(bytes, at: index, with: "--") || starts(bytes, at: index, with: "/*")
    }

    /// The index just past the token that starts at `index` (one byte when it is plain code).
    private static func skip(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "'"):
            let escapes = index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e") && !isWordByte(bytes, index - 2)
            return quoted(bytes, from: index + 1, quote: byte, backslash: escapes)
        case UInt8(ascii: "\""): return quoted(bytes, from: index + 1, quote: byte, backslash: false)
        case UInt8(ascii: "-") where starts(bytes, at: index, with: "--"):
            return bytes[index...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        case UInt8(ascii: "/") where starts(bytes, at: index, with: "/*"): return blockComment(bytes, from: index)
        case UInt8(ascii: "$"): return dollarQuoted(bytes, from: index)
        default: return index + 1
        }
    }

    private static func quoted(_ bytes: [UInt8], from: Int, quote: UInt8, backslash: Bool) -> Int {
        var index = from
        while index < bytes.count {
            if backslash && bytes[index] == UInt8(ascii: "\\") {
                index += 2
            } else if bytes[index] == quote {
                // A doubled quote stands for itself and does not end the string.
                if index + 1 < bytes.count && bytes[index + 1] == quote { index += 2 } else { return index + 1 }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// Block comments nest in PostgreSQL.
    private static func blockComment(_ bytes: [UInt8], from: Int) -> Int {
        var depth = 0, index = from
        while index < bytes.count {
            if starts(bytes, at: index, with: "/*") {
                depth += 1
                index += 2
            } else if starts(bytes, at: index, with: "*/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// `$tag$ … $tag$` (the tag may be empty); a `$` that opens no tag (`$1`) is plain code.
    private static func dollarQuoted(_ bytes: [UInt8], from: Int) -> Int {
        if from > 0 && isWordByte(bytes, from - 1) { return from + 1 }
        var end = from + 1
        while end < bytes.count, isWordByte(bytes, end), !(end == from + 1 && isDigit(bytes[end])) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { return from + 1 }
        let tag = Array(bytes[from...end])
        var index = end + 1
        while index + tag.count <= bytes.count {
            if bytes[index..<(index + tag.count)].elementsEqual(tag) { return index + tag.count }
            index += 1
        }
        return bytes.count
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isWordByte(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index >= 0, index < bytes.count else { return false }
        let byte = bytes[index]
        return isDigit(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
            || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}
