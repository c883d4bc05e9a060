import TesseraModel

/// Which nodes a command works on: the union of the selectors, minus the union of the exclusions
/// (each with its `+` widening). No selector selects the whole mesh.
public struct Selection: Sendable, Hashable {
    public var include: [Selector]
    public var exclude: [Selector]

    public init(include: [Selector] = [], exclude: [Selector] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// Parses the words of `tessera run sales.orders+ tag:gold --exclude …`.
    public init(include: [String], exclude: [String]) throws(SelectionError) {
        var parsedInclude: [Selector] = [], parsedExclude: [Selector] = []
        for text in include.flatMap(Self.words) { parsedInclude.append(try Selector(parsing: text)) }
        for text in exclude.flatMap(Self.words) { parsedExclude.append(try Selector(parsing: text)) }
        self.init(include: parsedInclude, exclude: parsedExclude)
    }

    public var isEverything: Bool { include.isEmpty && exclude.isEmpty }

    /// The selected nodes. A selector that matches no node is an error that names the closest one,
    /// as a typo in a selector should not silently run nothing.
    public func nodes(in graph: MeshGraph) throws(SelectionError) -> Set<NodeID> {
        var selected: Set<NodeID> = include.isEmpty ? Set(graph.allNodes) : []
        for selector in include { selected.formUnion(try Self.expand(selector, in: graph)) }
        for selector in exclude { selected.subtract(try Self.expand(selector, in: graph)) }
        return selected
    }

    static func expand(_ selector: Selector, in graph: MeshGraph) throws(SelectionError) -> Set<NodeID> {
        let matched = Set(graph.nodes.values.filter(selector.matches).map(\.id))
        guard !matched.isEmpty else {
            throw .matchesNothing(selector.text, suggestion: suggestion(for: selector, in: graph))
        }
        var result = matched
        if selector.upstream { result.formUnion(graph.ancestors(of: matched)) }
        if selector.downstream { result.formUnion(graph.descendants(of: matched)) }
        return result
    }

    private static func suggestion(for selector: Selector, in graph: MeshGraph) -> String? {
        let ids = graph.allNodes
        switch selector.method {
        case .name(let name):
            return closestName(to: name, among: Array(Set(ids.map(\.name))).sorted())
        case .qualified(let domain, let name):
            return closestName(to: "\(domain).\(name)", among: Array(Set(ids.map { "\($0.domain).\($0.name)" })).sorted())
        case .source(let domain, let name):
            return closestName(to: "\(domain).src.\(name)", among: ids.filter { $0.kind == .source }.map(\.displayName))
        case .domain(let domain):
            return closestName(to: domain, among: Array(Set(ids.map(\.domain))).sorted()).map { "domain:\($0)" }
        case .tag(let tag):
            let tags = Set(graph.nodes.values.flatMap(\.tags))
            return closestName(to: tag, among: tags.sorted()).map { "tag:\($0)" }
        }
    }

    /// `"a b"` given as one argument counts as two selectors, as in dbt's `--select "a b"`.
    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}
