import Foundation
import TesseraModel

/// A parsed `tessera catalog search` query: words to find, and filters (`domain:sales`,
/// `tag:gold`, `owner:x`, `classification:pii`, `kind:product`) every hit must satisfy.
///
/// Parsing happens here, not in SQLite: user text never reaches FTS5's query syntax, so a stray
/// `"` or `*` is either a clear `CatalogQuery.SyntaxError` or an ordinary character to search for.
public struct CatalogQuery: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case domain, tag, owner, classification, kind
    }

    public struct Filter: Sendable, Hashable {
        public var field: Field
        /// Lowercased.
        public var value: String

        public init(_ field: Field, _ value: String) {
            self.field = field
            self.value = value.lowercased()
        }
    }

    /// A word or a quoted phrase, as typed.
    public struct Term: Sendable, Hashable {
        public var text: String
        /// Written in double quotes: matched as a phrase, never as a prefix.
        public var quoted: Bool

        public init(_ text: String, quoted: Bool = false) {
            self.text = text
            self.quoted = quoted
        }
    }

    /// What a document can be; `kind:` takes one of these.
    public static let kinds = ["domain", "source", "model", "product", "column"]

    public var terms: [Term]
    public var filters: [Filter]

    public init(terms: [Term] = [], filters: [Filter] = []) {
        self.terms = terms
        self.filters = filters
    }

    public var isEmpty: Bool { terms.isEmpty && filters.isEmpty }

    /// Why a query cannot be parsed, said so the user can fix it.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var hint: String?

        public init(_ message: String, hint: String? = nil) {
            self.message = message
            self.hint = hint
        }

        public var description: String { message }
    }

    /// Parses the words of the command line, joined by spaces: `"net revenue" tag:gold rev`.
    public init(parsing text: String) throws(SyntaxError) {
        // Tabs and line breaks separate words; other control characters (a NUL from a URL) match
        // nothing a person writes, and SQLite's full-text query syntax refuses them.
        if let control = text.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control && !$0.properties.isWhitespace
        }) {
            let code = String(control.value, radix: 16, uppercase: true)
            throw SyntaxError(
                "the query has a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))",
                hint: "search for words, \"quoted phrases\" and filters such as tag:gold")
        }
        var terms: [Term] = [], filters: [Filter] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace { index = text.index(after: index); continue }
            // One token: up to the next whitespace outside quotes.
            var raw = "", inQuotes = false, quoteStart = index
            while index < text.endIndex, inQuotes || !text[index].isWhitespace {
                if text[index] == "\"" {
                    if !inQuotes { quoteStart = index }
                    inQuotes.toggle()
                }
                raw.append(text[index])
                index = text.index(after: index)
            }
            if inQuotes {
                let column = text.distance(from: text.startIndex, to: quoteStart) + 1
                throw SyntaxError(
                    "unbalanced quote at column \(column) of the query",
                    hint: "close the phrase with a second \", e.g. \"net revenue\"")
            }
            // A filter is `key:value` with the key unquoted (`owner:"x y"` is fine); `"a:b"` is a
            // phrase to search for.
            if let colon = raw.firstIndex(of: ":"), !raw[..<colon].contains("\"") {
                let key = String(raw[..<colon]).lowercased()
                let value = String(raw[raw.index(after: colon)...]).replacingOccurrences(of: "\"", with: "")
                if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) {
                    filters.append(try Self.filter(key: key, value: value))
                    continue
                }
            }
            let word = raw.replacingOccurrences(of: "\"", with: "")
            if !word.isEmpty { terms.append(Term(word, quoted: raw.contains("\""))) }
        }
        self.init(terms: terms, filters: filters)
    }

    private static func filter(key: String, value: String) throws(SyntaxError) -> Filter {
        guard let field = Field(rawValue: key) else {
            let known = Field.allCases.map { "\($0.rawValue):" }
            let suggestion =
                closestName(to: key, among: Field.allCases.map(\.rawValue)).map { "did you mean '\($0):'? " } ?? ""
            throw SyntaxError(
                "unknown filter '\(key):'",
                hint:
                    "\(suggestion)filters are \(known.joined(separator: ", ")); put a word with a colon in quotes to search for it"
            )
        }
        guard !value.isEmpty else {
            throw SyntaxError(
                "the filter '\(key):' has no value", hint: "write it without a space, e.g. \(key):\(example(field))")
        }
        let lowered = value.lowercased()
        switch field {
        case .classification where Classification(rawValue: lowered) == nil:
            throw SyntaxError(
                "unknown classification '\(value)'",
                hint: "use one of: \(Classification.allCases.map(\.rawValue).joined(separator: ", "))")
        case .kind where !kinds.contains(lowered):
            throw SyntaxError("unknown kind '\(value)'", hint: "use one of: \(kinds.joined(separator: ", "))")
        default:
            return Filter(field, lowered)
        }
    }

    private static func example(_ field: Field) -> String {
        switch field {
        case .domain: "sales"
        case .tag: "gold"
        case .owner: "sales-data@acme.example"
        case .classification: "pii"
        case .kind: "product"
        }
    }
}
