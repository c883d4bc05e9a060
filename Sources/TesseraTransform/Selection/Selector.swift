/// One selector of SPEC §7, as in dbt: `name`, `domain.name`, `domain:sales`, `tag:gold`,
/// `+name` (with everything upstream), `name+` (with everything downstream), or both.
///
/// `name` matches every source, model and product of that name in any domain;
/// `domain.name` those of one domain (`sales.src.orders` names a source exactly).
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    public enum Method: Sendable, Hashable {
        case name(String)
        case qualified(domain: String, name: String)
        case source(domain: String, name: String)
        case domain(String)
        case tag(String)
    }

    public var method: Method
    public var upstream: Bool
    public var downstream: Bool
    /// As written.
    public var text: String

    public var description: String { text }

    /// Parses one selector; a malformed one throws a message that says what forms exist.
    public init(parsing text: String) throws(SelectionError) {
        self.text = text
        var body = Substring(text)
        upstream = body.hasPrefix("+")
        if upstream { body = body.dropFirst() }
        downstream = body.hasSuffix("+")
        if downstream { body = body.dropLast() }
        guard !body.isEmpty else { throw SelectionError.malformed(text) }

        if let colon = body.firstIndex(of: ":") {
            let key = body[..<colon], value = String(body[body.index(after: colon)...])
            guard Self.isName(value) else { throw SelectionError.malformed(text) }
            switch key {
            case "domain": method = .domain(value)
            case "tag": method = .tag(value)
            default: throw SelectionError.unknownMethod(String(key), text)
            }
            return
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(Self.isName) else { throw SelectionError.malformed(text) }
        switch parts.count {
        case 1: method = .name(parts[0])
        case 2: method = .qualified(domain: parts[0], name: parts[1])
        case 3 where parts[1] == "src": method = .source(domain: parts[0], name: parts[2])
        default: throw SelectionError.malformed(text)
        }
    }

    /// The nodes this selector names, before `+` widens it.
    func matches(_ node: MeshGraph.Node) -> Bool {
        let id = node.id
        switch method {
        case .name(let name): return id.name == name
        case .qualified(let domain, let name): return id.domain == domain && id.name == name
        case .source(let domain, let name): return id.kind == .source && id.domain == domain && id.name == name
        case .domain(let domain): return id.domain == domain
        case .tag(let tag): return node.tags.contains(tag)
        }
    }

    private static func isName(_ text: some StringProtocol) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isLowercase || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// A selector the user must fix.
public enum SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case unknownMethod(String, String)
    case matchesNothing(String, suggestion: String?)

    public var description: String {
        switch self {
        case .malformed(let text):
            "selector '\(text)' is not valid; write name, domain.name, domain.src.source, domain:NAME or tag:NAME, with + before or after to add upstream or downstream nodes"
        case .unknownMethod(let method, let text):
            "selector '\(text)': unknown method '\(method):'; the methods are domain: and tag:"
        case .matchesNothing(let text, let suggestion):
            "selector '\(text)' matches nothing in the mesh" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }
}
