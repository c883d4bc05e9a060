import Foundation

/// A session's `search_path`, read as PostgreSQL reads it: a comma-separated list of names, each
/// an identifier (folded to lower case), a double-quoted identifier (as written) or a string
/// literal (as written). `$user` stands for the signed-in user's name; `pg_catalog` is searched
/// anyway; names of schemas that do not exist (or that the principal may not see) are skipped.
struct SearchPath: Equatable {
    static let defaultText = "\"$user\", public"

    var entries: [String]

    /// Nil when the text is not such a list (an unclosed quote, an empty name).
    init?(parsing text: String) {
        var entries: [String] = []
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if rest.isEmpty || rest == "''" {
            self.entries = []
            return
        }
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard let (name, after) = Self.name(rest), !name.isEmpty else { return nil }
            entries.append(name)
            rest = after.drop { $0.isWhitespace }
            if rest.isEmpty { break }
            guard rest.first == "," else { return nil }
            rest = rest.dropFirst()
        }
        self.entries = entries
    }

    init(entries: [String]) { self.entries = entries }

    /// The search_path a startup message's `options` sets (`-c search_path=sales`, as libpq's
    /// `options` and psycopg pass it; `\ ` is a space).
    static func fromOptions(_ options: String) -> String? {
        let words = options.replacingOccurrences(of: "\\ ", with: "\u{0}").split(separator: " ")
            .map { $0.replacingOccurrences(of: "\u{0}", with: " ") }
        for (index, word) in words.enumerated() {
            let setting: String
            if word == "-c", index + 1 < words.count {
                setting = words[index + 1]
            } else if word.hasPrefix("-c") {
                setting = String(word.dropFirst(2))
            } else if word.hasPrefix("--") {
                setting = String(word.dropFirst(2))
            } else {
                continue
            }
            let parts = setting.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "search_path" { return String(parts[1]) }
        }
        return nil
    }

    /// One name and what follows it.
    private static func name(_ text: Substring) -> (String, Substring)? {
        guard let first = text.first else { return nil }
        if first == "\"" || first == "'" {
            var name = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                index = text.index(after: index)
                guard character == first else {
                    name.append(character)
                    continue
                }
                // A doubled quote is the quote itself.
                guard index < text.endIndex, text[index] == first else { return (name, text[index...]) }
                name.append(character)
                index = text.index(after: index)
            }
            return nil
        }
        let end = text.firstIndex { $0 == "," || $0.isWhitespace } ?? text.endIndex
        return (text[..<end].lowercased(), text[end...])
    }

    /// The text `SHOW search_path` prints: names joined by ", ", quoted when they must be.
    var text: String {
        entries.map { name in
            let plain =
                !name.isEmpty && name.first.map { $0.isLowercase || $0 == "_" } == true
                && name.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" }
            return plain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ", ")
    }

    /// The schemas unqualified names resolve through, in order: `$user` as `user`, each kept
    /// only when it is in `visible`, once.
    func schemas(user: String, visible: Set<String>) -> [String] {
        var schemas: [String] = []
        for entry in entries {
            let name = entry == "$user" ? user : entry
            if visible.contains(name), !schemas.contains(name) { schemas.append(name) }
        }
        return schemas
    }
}
