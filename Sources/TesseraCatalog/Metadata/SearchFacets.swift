/// The filter values of one search document as FTS5 tokens: a one-letter field prefix and the
/// lowercased value in hex (`tag:gold` → `t676f6c64`). Hex has no separators, so each value stays
/// one token and a filter matches it exactly, through the same index as the words.
struct SearchFacets {
    var tokens: [String] = []

    init(domain: String, tags: [String], owner: String?, kind: String, classifications: [String] = []) {
        add(.domain, domain)
        for tag in tags { add(.tag, tag) }
        if let owner {
            add(.owner, owner)
            // `owner:sales-data` finds `sales-data@acme.example`: people name a team, not its address.
            if let at = owner.firstIndex(of: "@"), at != owner.startIndex { add(.owner, String(owner[..<at])) }
        }
        add(.kind, kind)
        for classification in classifications { add(.classification, classification) }
    }

    var text: String { tokens.joined(separator: " ") }

    private mutating func add(_ field: CatalogQuery.Field, _ value: String) {
        let token = Self.token(field, value)
        if !tokens.contains(token) { tokens.append(token) }
    }

    static func token(_ field: CatalogQuery.Field, _ value: String) -> String {
        let prefix: String =
            switch field {
            case .domain: "d"
            case .tag: "t"
            case .owner: "o"
            case .classification: "c"
            case .kind: "k"
            }
        let digits = Array("0123456789abcdef")
        var token = prefix
        for byte in value.lowercased().utf8 {
            token.append(digits[Int(byte >> 4)])
            token.append(digits[Int(byte & 0x0f)])
        }
        return token
    }
}
