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
        let count = bytes.count
        func at(_ i: Int) -> UInt8? { i < count ? bytes[i] : nil }

        while index < count {
            let start = index
            let byte = bytes[index]
            var kind: SQLToken.Kind
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                kind = .whitespace
                while let next = at(index), isSpace(next) { index += 1 }
            case UInt8(ascii: "-") where at(index + 1) == UInt8(ascii: "-"):
                kind = .comment
                while let next = at(index), next != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where at(index + 1) == UInt8(ascii: "*"):
                kind = .comment
                index += 2
                var depth = 1
                while index < count, depth > 0 {
                    if bytes[index] == UInt8(ascii: "*"), at(index + 1) == UInt8(ascii: "/") {
                        depth -= 1; index += 2
                    } else if bytes[index] == UInt8(ascii: "/"), at(index + 1) == UInt8(ascii: "*") {
                        depth += 1; index += 2
                    } else {
                        index += 1
                    }
                }
                index = min(index, count)
            case UInt8(ascii: "'"):
                kind = .string
                index = endOfQuoted(bytes, from: index, quote: UInt8(ascii: "'"), backslashEscapes: false)
            case UInt8(ascii: "\""):
                kind = .quotedName
                index = endOfQuoted(bytes, from: index, quote: UInt8(ascii: "\""), backslashEscapes: false)
            case UInt8(ascii: "$"):
                if let end = endOfDollarQuoted(bytes, from: index) {
                    kind = .string
                    index = end
                } else {
                    kind = .symbol
                    index += 1
                    while let next = at(index), isIdentifierPart(next) { index += 1 }  // $1, $name
                }
            case UInt8(ascii: "@") where at(index + 1).map(isIdentifierStart) == true:
                kind = .macro
                index += 1
                while let next = at(index), isIdentifierPart(next) { index += 1 }
            case UInt8(ascii: ";"):
                kind = .semicolon
                index += 1
            case _ where isIdentifierStart(byte):
                kind = .word
                while let next = at(index), isIdentifierPart(next) { index += 1 }
                // E'…' is a string with backslash escapes; other prefixes (x'', b'') use plain rules.
                if at(index) == UInt8(ascii: "'") {
                    let escapes = index - start == 1 && (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E"))
                    kind = .string
                    index = endOfQuoted(bytes, from: index, quote: UInt8(ascii: "'"), backslashEscapes: escapes)
                }
            default:
                kind = .symbol
                index += 1
                if isDigit(byte) {
                    while let next = at(index), isIdentifierPart(next) || next == UInt8(ascii: ".") { index += 1 }
                }
            }
            result.append(SQLToken(kind: kind, start: start, end: index))
        }
        return result
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
