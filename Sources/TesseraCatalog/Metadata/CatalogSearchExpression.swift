/// A `CatalogQuery` as an FTS5 MATCH expression. Every user word is a quoted FTS5 string (its
/// `"` doubled), so nothing a user types is read as FTS5 syntax; the last unquoted word is a
/// prefix. Words are looked for in the text columns only, filters in `facets` only.
struct CatalogSearchExpression {
    /// The words as FTS5 tokenizes them, lowercased; the last may be a prefix.
    var words: [[String]]
    var lastIsPrefix: Bool
    /// Every word in any text column, and every filter: what a hit must match.
    var match: String
    /// Every word in `name`, and every filter: the first tier of the ranking. Nil without words.
    var nameTier: String?
    /// What matches but is not in the first tier. Nil without words.
    var otherTier: String?

    /// Nil when nothing is left to search for (only punctuation, no filter).
    init?(_ query: CatalogQuery) {
        let terms = query.terms.filter { !Self.tokens($0.text).isEmpty }
        words = terms.map { Self.tokens($0.text) }
        lastIsPrefix = terms.last.map { !$0.quoted } ?? false
        let filters = query.filters.map { "facets : \"\(SearchFacets.token($0.field, $0.value))\"" }
        guard !terms.isEmpty else {
            guard !filters.isEmpty else { return nil }
            match = filters.joined(separator: " AND ")
            return
        }
        let strings = terms.enumerated().map { index, term in
            "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                + (index == terms.count - 1 && !term.quoted ? "*" : "")
        }.joined(separator: " ")
        let anywhere = "{name description tags owner context} : (\(strings))"
        let inName = "name : (\(strings))"
        match = ([anywhere] + filters).joined(separator: " AND ")
        nameTier = ([inName] + filters).joined(separator: " AND ")
        otherTier = "(\(match)) NOT (\(inName))"
    }

    /// Whether `text` holds one of the words (the last as a prefix when it is one): which fields
    /// of a hit matched, for the user. A field that does not even contain a word as a substring
    /// is rejected before it is tokenized: most fields of most hits are.
    func matches(_ text: String) -> Bool {
        guard !words.isEmpty, !text.isEmpty else { return false }
        let lowered = text.lowercased()
        // Bytes, not Foundation's `contains`, which goes through NSString.
        let bytes = lowered.utf8
        guard words.contains(where: { word in word.contains { bytes.firstRange(of: $0.utf8) != nil } }) else {
            return false
        }
        let fieldTokens = Self.tokens(lowered)
        for (index, word) in words.enumerated() {
            let prefix = lastIsPrefix && index == words.count - 1
            for token in word {
                if fieldTokens.contains(where: { prefix ? $0.hasPrefix(token) : $0 == token }) { return true }
            }
        }
        return false
    }

    /// Roughly what FTS5's unicode61 tokenizer does: letters and digits, lowercased. ASCII text
    /// (nearly every name and description) is split byte by byte; Character's Unicode
    /// properties cost ten times more and are only needed beyond ASCII.
    static func tokens(_ text: String) -> [String] {
        let lowered = text.lowercased()
        guard lowered.utf8.allSatisfy({ $0 < 0x80 }) else {
            return lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let isWordByte = { (byte: UInt8) in (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        return lowered.utf8.split(whereSeparator: { !isWordByte($0) }).map { String(decoding: $0, as: UTF8.self) }
    }
}
