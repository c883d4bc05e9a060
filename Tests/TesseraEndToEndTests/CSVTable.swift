import Foundation

/// A CSV document as DuckDB's `COPY … (HEADER)` writes it — and so as `tessera query --format csv`
/// prints it: a header line, then one line per row; a field is quoted when it holds the delimiter,
/// a quote or a line break, an empty string is `""` and a NULL is an empty field.
struct CSVTable {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    var header: [String]
    /// Each row's fields, `nil` for NULL.
    var rows: [[String?]]

    init(parsing text: String) throws {
        var lines = try Self.records(text)
        guard !lines.isEmpty else { throw ParseError(description: "no header line") }
        header = lines.removeFirst().map { $0 ?? "" }
        for (index, line) in lines.enumerated() where line.count != header.count {
            throw ParseError(description: "row \(index + 1) has \(line.count) fields, the header \(header.count)")
        }
        rows = lines
    }

    /// How this table differs from `expected`, at most `limit` lines; empty when they are equal.
    /// Row order does not matter (both are sorted by `key`, then by the whole row). Fields of the
    /// `floatingPoint` columns are equal within a relative 1e-9; every other field must be equal
    /// as text.
    func differences(from expected: CSVTable, key: String, floatingPoint: Set<String>, limit: Int = 10) -> [String] {
        guard header == expected.header else {
            return ["columns are \(header), expected \(expected.header)"]
        }
        guard rows.count == expected.rows.count else {
            return ["\(rows.count) rows, expected \(expected.rows.count)"]
        }
        let keyIndex = header.firstIndex(of: key) ?? 0
        var found: [String] = []
        for (got, want) in zip(sorted(by: keyIndex), expected.sorted(by: keyIndex)) {
            for (column, name) in header.enumerated()
            where !Self.same(got[column], want[column], floatingPoint: floatingPoint.contains(name)) {
                found.append(
                    "\(key) \(want[keyIndex] ?? "NULL"), \(name): got \(got[column] ?? "NULL"), expected \(want[column] ?? "NULL")"
                )
                if found.count == limit { return found }
            }
        }
        return found
    }

    private func sorted(by keyIndex: Int) -> [[String?]] {
        rows.sorted { left, right in
            let (l, r) = (left[keyIndex] ?? "", right[keyIndex] ?? "")
            if l != r {
                if let a = Double(l), let b = Double(r) { return a < b }
                return l < r
            }
            return left.map { $0 ?? "\u{0}" }.lexicographicallyPrecedes(right.map { $0 ?? "\u{0}" })
        }
    }

    private static func same(_ got: String?, _ want: String?, floatingPoint: Bool) -> Bool {
        guard floatingPoint, let got, let want, let a = Double(got), let b = Double(want) else { return got == want }
        return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// Splits `text` into records of fields, honouring quotes (a quoted field may hold commas,
    /// doubled quotes and line breaks).
    private static func records(_ text: String) throws -> [[String?]] {
        var records: [[String?]] = [], fields: [String?] = []
        var field = "", quoted = false, inQuotes = false
        var characters = Array(text).makeIterator()
        var pending = characters.next()
        func endField() { fields.append(quoted || !field.isEmpty ? field : nil); field = ""; quoted = false }
        while let character = pending {
            pending = characters.next()
            if inQuotes {
                if character != "\"" {
                    field.append(character)
                } else if pending == "\"" {
                    field.append("\""); pending = characters.next()
                } else {
                    inQuotes = false
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true; quoted = true
            case ",": endField()
            case "\n", "\r\n": endField(); records.append(fields); fields = []
            default: field.append(character)
            }
        }
        if inQuotes { throw ParseError(description: "a quoted field is not closed") }
        if !fields.isEmpty || !field.isEmpty || quoted { endField(); records.append(fields) }
        return records
    }
}
