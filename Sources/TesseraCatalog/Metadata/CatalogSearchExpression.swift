/// A `CatalogQuery` as an FTS5 MATCH expression. Every user word is a quoted FTS5 string (its
/// `"` doubled), so nothing a user types is read as FTS5 syntax; the last unquoted word is a
/// prefix. Words are looked for in the text columns only, filters in `facets` only.
struct CatalogSearchExpression {
    /// The words as FTS5 tokenizes them, lowercased; the last may be a prefix.
    var words: [[String]]
    var lastIsPrefix: Bool
    var match: String
    /// The words alone, in the `name` column: a hit matching it ranks in the first tier.
    var nameMatch: String?

    /// Nil when nothing is left to search for (only punctuation, no filter).
    init?(_ query: CatalogQuery) {
        let terms = query.terms.filter { !Self.tokens($0.text).isEmpty }
        words = terms.map { Self.tokens($0.text) }
        lastIsPrefix = terms.last.map { !$0.quoted } ?? false
        var parts: [String] = []
        if !terms.isEmpty {
            let strings = terms.enumerated().map { index, term in
                "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    + (index == terms.count - 1 && !term.quoted ? "*" : "")
            }
            parts.append("{name description tags owner context} : (\(strings.joined(separator: " ")))")
            nameMatch = "name : (\(strings.joined(separator: " ")))"
        }
        for filter in query.filters {
            parts.append("facets : \"\(SearchFacets.token(filter.field, filter.value))\"")
        }
        guard !parts.isEmpty else { return nil }
        match = parts.joined(separator: " AND ")
    }

    /// Whether `text` holds one of the words (the last as a prefix when it is one): which fields
    /// of a hit matched, for the user, computed only for the hits shown.
    func matches(_ text: String) -> Bool {
        guard !words.isEmpty, !text.isEmpty else { return false }
        let fieldTokens = Self.tokens(text)
        for (index, word) in words.enumerated() {
            let prefix = lastIsPrefix && index == words.count - 1
            for token in word {
                if fieldTokens.contains(where: { prefix ? $0.hasPrefix(token) : $0 == token }) { return true }
            }
        }
        return false
    }

    /// Roughly what FTS5's unicode61 tokenizer does: letters and digits, lowercased.
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
