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

    /// True when a selector needs the environment's recorded state (`state:modified`).
    public var usesState: Bool { (include + exclude).contains(where: \.usesState) }

    /// The selected nodes. A selector that matches no node is an error that names the closest one,
    /// as a typo in a selector should not silently run nothing.
    ///
    /// `state` says which nodes are new or modified; without it, `state:` matches every node (a
    /// superset, for callers that only need to know what a run could touch).
    public func nodes(in graph: MeshGraph, state: SelectionState? = nil) throws(SelectionError) -> Set<NodeID> {
        var selected: Set<NodeID> = include.isEmpty ? Set(graph.allNodes) : []
        for selector in include { selected.formUnion(try Self.expand(selector, in: graph, state: state)) }
        for selector in exclude { selected.subtract(try Self.expand(selector, in: graph, state: state)) }
        return selected
    }

    static func expand(_ selector: Selector, in graph: MeshGraph, state: SelectionState?) throws(SelectionError) -> Set<
        NodeID
    > {
        var result: Set<NodeID>?
        for term in selector.terms {
            let matched = Set(graph.nodes.values.filter { Self.matches(term.method, $0, state: state) }.map(\.id))
            guard !matched.isEmpty else {
                // Nothing modified is an answer, not a typo.
                if case .state = term.method { return [] }
                throw .matchesNothing(selector.text, suggestion: suggestion(for: term.method, in: graph))
            }
            let widened = widen(matched, term, in: graph)
            result = result.map { $0.intersection(widened) } ?? widened
        }
        return result ?? []
    }

    static func widen(_ matched: Set<NodeID>, _ term: Selector.Term, in graph: MeshGraph) -> Set<NodeID> {
        var result = matched
        if term.withDescendantsAndTheirAncestors {
            let below = matched.union(graph.descendants(of: matched))
            return below.union(graph.ancestors(of: below))
        }
        switch term.upstream {
        case .none: break
        case .all: result.formUnion(graph.ancestors(of: matched))
        case .edges(let depth): result.formUnion(graph.ancestors(of: matched, depth: depth))
        }
        switch term.downstream {
        case .none: break
        case .all: result.formUnion(graph.descendants(of: matched))
        case .edges(let depth): result.formUnion(graph.descendants(of: matched, depth: depth))
        }
        return result
    }

    /// The nodes a method names, before `+` widens it.
    static func matches(_ method: Selector.Method, _ node: MeshGraph.Node, state: SelectionState?) -> Bool {
        let id = node.id
        switch method {
        case .name(let name): return NamePattern.matches(name, id.name)
        case .qualified(let domain, let name):
            return id.kind != .source && NamePattern.matches(domain, id.domain) && NamePattern.matches(name, id.name)
        case .source(let domain, let name):
            return id.kind == .source && NamePattern.matches(domain, id.domain) && NamePattern.matches(name, id.name)
        case .domain(let domain): return NamePattern.matches(domain, id.domain)
        case .tag(let tag): return node.tags.contains { NamePattern.matches(tag, $0) }
        case .state(let filter):
            guard let state else { return true }
            return filter == .new ? state.new.contains(id) : state.modified.contains(id)
        }
    }

    private static func suggestion(for method: Selector.Method, in graph: MeshGraph) -> String? {
        let ids = graph.allNodes
        switch method {
        case .name(let name):
            return closestName(to: name, among: Array(Set(ids.map(\.name))).sorted())
        case .qualified(let domain, let name):
            let names = Set(ids.map { $0.kind == .source ? $0.displayName : "\($0.domain).\($0.name)" })
            return closestName(to: "\(domain).\(name)", among: names.sorted())
        case .source(let domain, let name):
            return closestName(to: "\(domain).src.\(name)", among: ids.filter { $0.kind == .source }.map(\.displayName))
        case .domain(let domain):
            return closestName(to: domain, among: Array(Set(ids.map(\.domain))).sorted()).map { "domain:\($0)" }
        case .tag(let tag):
            let tags = Set(graph.nodes.values.flatMap(\.tags))
            return closestName(to: tag, among: tags.sorted()).map { "tag:\($0)" }
        case .state:
            return nil
        }
    }

    /// `"a b"` given as one argument counts as two selectors, as in dbt's `--select "a b"`.
    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}
