/// A lexical token of SQL text: just enough to tell code from strings, quoted names and comments.
///
/// This is tokenizing, not parsing: the structure of a query always comes from DuckDB's parser.
/// The lexer finds macros (`@name` outside strings and comments), top-level `;` and the first
/// keyword, on UTF-8 byte offsets (the unit of DuckDB's positions).
struct SQLToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case word  // keyword or unquoted identifier
        case quotedName  // "…"
        case string  // '…', E'…', $tag$…$tag$
        case comment  // -- … and /* … */ (nested)
        case whitespace
        case macro  // @name
        case semicolon
        case symbol  // anything else: punctuation, operators, numbers, parameters
    }

    var kind: Kind
    /// Byte range in the UTF-8 text.
    var start: Int
    var end: Int

    var isTrivia: Bool { kind == .whitespace || kind == .comment }
}

enum SQLLexer {
    static func tokens(_ text: String) -> [SQLToken] {
        tokens(Array(text.utf8))
    }

    static func tokens(_ bytes: [UInt8]) -> [SQLToken] {
        var result: [SQLToken] = []
        var index = 0
        while index < bytes.count {
            let (kind, end) = token(at: index, in: bytes)
            result.append(SQLToken(kind: kind, start: index, end: end))
            index = end
        }
        return result
    }

    /// The kind and the end (exclusive) of the token that starts at `start`.
    private static func token(at start: Int, in bytes: [UInt8]) -> (SQLToken.Kind, Int) {
        let byte = bytes[start]
        let next: UInt8? = start + 1 < bytes.count ? bytes[start + 1] : nil
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
            return (.whitespace, skip(bytes, from: start, while: isSpace))
        case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
            return (.comment, skip(bytes, from: start) { $0 != UInt8(ascii: "\n") })
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            return (.comment, endOfBlockComment(bytes, from: start))
        case UInt8(ascii: "'"):
            return (.string, endOfQuoted(bytes, from: start, quote: UInt8(ascii: "'"), backslashEscapes: false))
        case UInt8(ascii: "\""):
            return (.quotedName, endOfQuoted(bytes, from: start, quote: UInt8(ascii: "\""), backslashEscapes: false))
        case UInt8(ascii: "$"):
            if let end = endOfDollarQuoted(bytes, from: start) { return (.string, end) }
            return (.symbol, skip(bytes, from: start + 1, while: isIdentifierPart))  // $1, $name
        case UInt8(ascii: "@") where next.map(isIdentifierStart) == true:
            return (.macro, skip(bytes, from: start + 1, while: isIdentifierPart))
        case UInt8(ascii: ";"):
            return (.semicolon, start + 1)
        case _ where isIdentifierStart(byte):
            return word(at: start, in: bytes)
        default:
            guard isDigit(byte) else { return (.symbol, start + 1) }
            return (.symbol, skip(bytes, from: start + 1) { isIdentifierPart($0) || $0 == UInt8(ascii: ".") })
        }
    }

    /// The first index at or after `from` whose byte does not match.
    private static func skip(_ bytes: [UInt8], from: Int, while matches: (UInt8) -> Bool) -> Int {
        var index = from
        while index < bytes.count, matches(bytes[index]) { index += 1 }
        return index
    }

    /// A keyword or unquoted name, or a prefixed string: E'…' is a string with backslash escapes;
    /// other prefixes (x'', b'') use plain rules.
    private static func word(at start: Int, in bytes: [UInt8]) -> (SQLToken.Kind, Int) {
        let end = skip(bytes, from: start, while: isIdentifierPart)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "'") else { return (.word, end) }
        let escapes = end - start == 1 && (bytes[start] == UInt8(ascii: "e") || bytes[start] == UInt8(ascii: "E"))
        return (.string, endOfQuoted(bytes, from: end, quote: UInt8(ascii: "'"), backslashEscapes: escapes))
    }

    /// The end (exclusive) of a `/* … */` comment starting at `start`; comments nest.
    private static func endOfBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 2
        var depth = 1
        while index < bytes.count, depth > 0 {
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            if bytes[index] == UInt8(ascii: "*"), next == UInt8(ascii: "/") {
                depth -= 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        return min(index, bytes.count)
    }

    /// The end (exclusive) of a quoted run starting at `from`; a doubled quote stands for itself.
    private static func endOfQuoted(_ bytes: [UInt8], from: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = from + 1
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes && byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// `$tag$ … $tag$` (the tag may be empty), or nil when `$` does not open one.
    private static func endOfDollarQuoted(_ bytes: [UInt8], from: Int) -> Int? {
        var index = from + 1
        if index < bytes.count, isDigit(bytes[index]) { return nil }
        while index < bytes.count, isIdentifierPart(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "$") else { return nil }
        let tag = Array(bytes[from...index])
        index += 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$") && Array(bytes[index..<(index + tag.count)]) == tag {
                return index + tag.count
            }
            index += 1
        }
        return bytes.count
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Letters, `_` and any non-ASCII byte (DuckDB accepts Unicode letters in identifiers).
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
