/// A model's SELECT, made fit to nest inside the statements the materializations write.
///
/// The file may end in `;` (DuckDB's own tools want one) and in a `--` comment; nested as
/// `(…)` either would break the statement, so the final `;` is cut and the text is wrapped
/// in line breaks.
struct ModelQuery {
    /// The SELECT, without a final `;`.
    let text: String

    init(_ sql: String) {
        text = ModelQuery.withoutFinalSemicolon(sql)
    }

    /// `(\n<select>\n)`: usable after `FROM` or `IN`.
    var subquery: String { "(\n\(text)\n)" }

    /// Cuts at the first of the `;` outside strings, quoted names and comments that only
    /// whitespace, comments and more `;` follow.
    static func withoutFinalSemicolon(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var index = 0
        var cut: Int?
        func at(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }
        func skip(until closing: UInt8, from start: Int) -> Int {
            var i = start + 1
            while i < bytes.count {
                if bytes[i] == closing {
                    // A doubled quote is an escaped quote inside the string or name.
                    if at(i + 1) == closing { i += 2; continue }
                    return i + 1
                }
                i += 1
            }
            return bytes.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                cut = nil
                index = skip(until: byte, from: index)
            case UInt8(ascii: "-") where at(index + 1) == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where at(index + 1) == UInt8(ascii: "*"):
                var depth = 0
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "/"), at(index + 1) == UInt8(ascii: "*") {
                        depth += 1; index += 2; continue
                    }
                    if bytes[index] == UInt8(ascii: "*"), at(index + 1) == UInt8(ascii: "/") {
                        depth -= 1; index += 2
                        if depth == 0 { break }
                        continue
                    }
                    index += 1
                }
            case UInt8(ascii: "$"):
                cut = nil
                index = skipDollarQuoted(bytes, from: index)
            case UInt8(ascii: ";"):
                cut = cut ?? index
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            default:
                cut = nil
                index += 1
            }
        }
        guard let cut else { return sql }
        return String(decoding: bytes[..<cut], as: UTF8.self)
    }

    /// `$tag$…$tag$` (or `$$…$$`); a lone `$` (a parameter like `$1`) is one byte.
    private static func skipDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count,
            bytes[end] == UInt8(ascii: "_")
                || (bytes[end] | 0x20 >= UInt8(ascii: "a") && bytes[end] | 0x20 <= UInt8(ascii: "z"))
        {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { return start + 1 }
        let tag = Array(bytes[start...end])
        var i = end + 1
        while i + tag.count <= bytes.count {
            if Array(bytes[i..<(i + tag.count)]) == tag { return i + tag.count }
            i += 1
        }
        return bytes.count
    }
}
