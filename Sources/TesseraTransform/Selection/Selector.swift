/// One selector word (docs/reference/cli.md), as in dbt: `name`, `domain.name`, `domain.src.source`,
/// `domain:sales`, `tag:gold`, `state:modified`, with `*` and `?` wildcards in names; `+name`
/// (and everything upstream), `name+` (and everything downstream), `2+name` / `name+1` (that many
/// edges), `@name` (it, everything downstream, and everything those read); `a,b` (what both match).
///
/// `name` matches every source, model and product of that name in any domain; `domain.name` the
/// model and the product of one domain (a source is `domain.src.name`), as a model and the
/// product publishing it usually share a name while a source of that name is what both are built from.
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    public enum Method: Sendable, Hashable {
        case name(String)
        case qualified(domain: String, name: String)
        case source(domain: String, name: String)
        case domain(String)
        case tag(String)
        /// `state:modified` (new, or changed since last built or published) or `state:new`.
        case state(StateFilter)
    }

    public enum StateFilter: String, Sendable, Hashable, CaseIterable {
        case modified
        case new
    }

    /// How far `+` widens a term: not at all, all the way, or at most that many edges.
    public enum Reach: Sendable, Hashable {
        case none
        case all
        case edges(Int)
    }

    /// One part of an intersection: a method and how it widens.
    public struct Term: Sendable, Hashable {
        public var method: Method
        public var upstream: Reach
        public var downstream: Reach
        /// `@`: with everything downstream and everything those read.
        public var withDescendantsAndTheirAncestors: Bool
    }

    /// What every term matches (one term: that term).
    public var terms: [Term]
    /// As written.
    public var text: String

    public var description: String { text }

    /// True when a term needs the recorded state of the environment (`state:`).
    public var usesState: Bool { terms.contains { if case .state = $0.method { true } else { false } } }

    /// Parses one selector; a malformed one throws a message that says what forms exist.
    public init(parsing text: String) throws(SelectionError) {
        self.text = text
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var terms: [Term] = []
        for part in parts { terms.append(try Self.term(part, in: text)) }
        self.terms = terms
    }

    static func term(_ part: Substring, in text: String) throws(SelectionError) -> Term {
        var body = part
        var upstream = Reach.none, downstream = Reach.none
        let at = body.hasPrefix("@")
        if at { body = body.dropFirst() }
        let leadingDigits = body.prefix { $0.isASCII && $0.isNumber }
        if body.dropFirst(leadingDigits.count).hasPrefix("+"), !at {
            upstream = leadingDigits.isEmpty ? .all : .edges(Int(leadingDigits) ?? 0)
            body = body.dropFirst(leadingDigits.count + 1)
        }
        let trailingDigits = body.reversed().prefix { $0.isASCII && $0.isNumber }
        if body.dropLast(trailingDigits.count).hasSuffix("+") {
            downstream = trailingDigits.isEmpty ? .all : .edges(Int(String(trailingDigits.reversed())) ?? 0)
            body = body.dropLast(trailingDigits.count + 1)
        }
        guard !body.isEmpty, !(at && downstream != .none) else { throw SelectionError.malformed(text) }
        return Term(
            method: try method(body, in: text), upstream: upstream, downstream: downstream,
            withDescendantsAndTheirAncestors: at)
    }

    static func method(_ body: Substring, in text: String) throws(SelectionError) -> Method {
        if let colon = body.firstIndex(of: ":") {
            let key = body[..<colon], value = String(body[body.index(after: colon)...])
            switch key {
            case "domain" where isPattern(value): return .domain(value)
            case "tag" where isPattern(value): return .tag(value)
            case "state":
                guard let filter = StateFilter(rawValue: value) else { throw SelectionError.unknownState(value, text) }
                return .state(filter)
            case "domain", "tag": throw SelectionError.malformed(text)
            default: throw SelectionError.unknownMethod(String(key), text)
            }
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(isPattern) else { throw SelectionError.malformed(text) }
        switch parts.count {
        case 1: return .name(parts[0])
        case 2: return .qualified(domain: parts[0], name: parts[1])
        case 3 where parts[1] == "src": return .source(domain: parts[0], name: parts[2])
        default: throw SelectionError.malformed(text)
        }
    }

    /// A name, or a name pattern with `*` (any characters) and `?` (one character).
    private static func isPattern(_ text: some StringProtocol) -> Bool {
        guard let first = text.unicodeScalars.first,
            first.properties.isLowercase || first == "_" || first == "*" || first == "?"
        else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_*?".unicodeScalars.contains($0)
        }
    }
}

/// A selector the user must fix.
public enum SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case unknownMethod(String, String)
    case unknownState(String, String)
    case matchesNothing(String, suggestion: String?)

    public var description: String {
        switch self {
        case .malformed(let text):
            "selector '\(text)' is not valid; write name, domain.name, domain.src.source, domain:NAME, tag:NAME or state:modified (names may use * and ?), with + before or after (or N+ / +N) to add upstream or downstream nodes, @ before for everything downstream and what it reads, and a comma between selectors for what all of them match"
        case .unknownMethod(let method, let text):
            "selector '\(text)': unknown method '\(method):'; the methods are domain:, tag: and state:"
        case .unknownState(let value, let text):
            "selector '\(text)': unknown state '\(value)'; write state:modified or state:new"
        case .matchesNothing(let text, let suggestion):
            "selector '\(text)' matches nothing in the mesh" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }
}
