import DuckDB
import TesseraModel

/// A chart's SQL with its parameters in place: `@name` (a category's value) and `@name.start`,
/// `@name.end` (a date range's ends) become SQL literals. Text in quotes and comments is left
/// alone, so `'@x'` stays what it says.
struct DashboardSQL {
    /// The value of each parameter: a category's text, or a date range.
    enum Value {
        case text(String)
        case dates(ClosedRange<DateRangeText.Day>)
    }

    struct Problem: Error {
        var message: String
        /// UTF-8 offset in the SQL text.
        var offset: Int
        var hint: String?
    }

    static func substitute(_ sql: String, values: [String: Value]) -> Result<String, Problem> {
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                let end = closing(byte, in: bytes, after: index)
                out += bytes[index..<end]
                index = end
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                out += bytes[index..<end]
                index = end
            } else if byte == UInt8(ascii: "@") {
                switch reference(in: bytes, at: index, values: values) {
                case .success(let (literal, end)):
                    out += Array(literal.utf8)
                    index = end
                case .failure(let problem): return .failure(problem)
                }
            } else {
                out.append(byte)
                index += 1
            }
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    /// Where the quoted text starting at `start` ends (after its closing quote; a doubled quote
    /// is part of the text).
    private static func closing(_ quote: UInt8, in bytes: [UInt8], after start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    private static func reference(in bytes: [UInt8], at start: Int, values: [String: Value]) -> Result<
        (String, Int), Problem
    > {
        func isWord(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        var end = start + 1
        while end < bytes.count, isWord(bytes[end]) { end += 1 }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        guard let value = values[name] else {
            let known = values.keys.sorted().map { "@\($0)" }.joined(separator: ", ")
            return .failure(
                Problem(
                    message: "unknown parameter '@\(name)'", offset: start,
                    hint: known.isEmpty ? "declare it under `parameters:`" : "the dashboard's parameters are \(known)"))
        }
        switch value {
        case .text(let text):
            return .success((SQL.literal(text), end))
        case .dates(let range):
            let suffix = String(decoding: bytes[end..<min(end + 6, bytes.count)], as: UTF8.self)
            let part =
                suffix.hasPrefix(".start")
                ? (range.lowerBound, 6) : suffix.hasPrefix(".end") ? (range.upperBound, 4) : nil
            guard let (day, length) = part else {
                return .failure(
                    Problem(
                        message: "'@\(name)' is a date range: write @\(name).start or @\(name).end", offset: start,
                        hint: nil))
            }
            return .success(("DATE '\(day)'", end + length))
        }
    }
}
