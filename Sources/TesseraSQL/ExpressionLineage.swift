/// The inputs found for one expression: edges, plus names that could not be attributed.
struct ExpressionLineage: Hashable {
    var edges: Set<LineageEdge> = []
    var unresolved: Set<String> = []

    static let empty = ExpressionLineage()

    init(edges: Set<LineageEdge> = [], unresolved: Set<String> = []) {
        self.edges = edges
        self.unresolved = unresolved
    }

    init(_ input: ColumnInput, _ kind: LineageKind) {
        edges = [LineageEdge(input, kind)]
    }

    mutating func formUnion(_ other: ExpressionLineage) {
        edges.formUnion(other.edges)
        unresolved.formUnion(other.unresolved)
    }

    func union(_ other: ExpressionLineage) -> ExpressionLineage {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// A select item reused in the same query (an alias in QUALIFY, `GROUP BY 1`): an indirect
    /// use makes every input of the item an input of that kind.
    func reused(as kind: LineageKind) -> ExpressionLineage {
        guard !kind.isDirect else { return through(kind) }
        return ExpressionLineage(edges: Set(edges.map { LineageEdge($0.input, kind) }), unresolved: unresolved)
    }

    /// This lineage seen through an expression of kind `kind`.
    func through(_ kind: LineageKind) -> ExpressionLineage {
        ExpressionLineage(
            edges: Set(edges.map { LineageEdge($0.input, kind.composed(with: $0.kind)) }), unresolved: unresolved)
    }
}

/// One column of a relation during analysis, or a star whose columns are not known.
struct Slot {
    var name: String
    var lineage: ExpressionLineage
    /// Set for a star that could not be expanded; `name` is then the star as written.
    var star: UnresolvedStar?

    init(name: String, lineage: ExpressionLineage) {
        self.name = name
        self.lineage = lineage
    }

    init(star: UnresolvedStar) {
        name = star.text
        lineage = .empty
        self.star = star
    }
}

/// A star over relations of unknown columns. A later `x` read from it can only come from those
/// relations; when there is exactly one, `x` is taken to be that relation's column.
struct UnresolvedStar {
    var text: String
    var fallback: [Binding]
}

/// What is known of a relation's columns.
enum Columns {
    /// Known columns (some may be unresolved stars).
    case slots([Slot])
    /// A table of unknown schema: any column name is taken to be its column.
    case unknown(RelationName)
    /// A table function or a construct not analysed: any column derives from these inputs.
    case opaque(ExpressionLineage)
}

/// A relation in a FROM clause, under the name it can be qualified by.
struct Binding {
    var alias: String
    var relation: RelationName?
    var columns: Columns
    /// `USING` columns of a right join side: `*` shows them once, from the merged lineage.
    var hidden: Set<String> = []

    enum Lookup {
        case exact(ExpressionLineage)
        case guess(ExpressionLineage)
        case missing
        case unresolved
    }

    func lookup(_ column: String) -> Lookup {
        let lowered = column.lowercased()
        switch columns {
        case .unknown(let relation):
            return .guess(ExpressionLineage(ColumnInput(relation: relation, column: column), .identity))
        case .opaque(let lineage):
            return .guess(lineage)
        case .slots(let slots):
            if let slot = slots.first(where: { $0.star == nil && $0.name.lowercased() == lowered }) {
                return .exact(slot.lineage)
            }
            let stars = slots.compactMap(\.star)
            guard !stars.isEmpty else { return .missing }
            let fallback = stars.flatMap(\.fallback)
            guard fallback.count == 1, let only = fallback.first else { return .unresolved }
            switch only.lookup(column) {
            case .exact(let lineage), .guess(let lineage): return .guess(lineage)
            case .missing, .unresolved: return .unresolved
            }
        }
    }

    /// Every column is known: a missing column is then certainly an error.
    var isFullyKnown: Bool {
        if case .slots(let slots) = columns { return slots.allSatisfy { $0.star == nil } }
        return false
    }

    var knownColumnNames: [String] {
        if case .slots(let slots) = columns { return slots.filter { $0.star == nil }.map(\.name) }
        return []
    }
}

/// The relations visible to an expression: one FROM clause, its select-list aliases, and the
/// enclosing queries' scopes (for correlated subqueries and lateral joins).
final class Scope {
    let bindings: [Binding]
    let merged: [String: ExpressionLineage]
    let parent: Scope?
    /// Aliases of the select list, usable in WHERE, GROUP BY, HAVING, QUALIFY and later select items.
    var aliases: [String: ExpressionLineage] = [:]

    init(bindings: [Binding], merged: [String: ExpressionLineage] = [:], parent: Scope?) {
        self.bindings = bindings
        self.merged = merged
        self.parent = parent
    }

    enum Resolution {
        case found(ExpressionLineage)
        /// Found in one relation, but a relation of unknown columns may have it too.
        case unchecked(ExpressionLineage)
        case ambiguous([String])
        case unresolved
        case missingColumn(in: Binding)
        case notFound(allKnown: Bool)
    }

    func resolve(_ parts: [String]) -> Resolution {
        guard let first = parts.first else { return .notFound(allKnown: true) }
        let lowered = parts.map { $0.lowercased() }
        if parts.count >= 2 {
            var qualified: (Binding, String)?
            if let binding = bindings.first(where: { $0.alias.lowercased() == lowered[0] }) {
                qualified = (binding, parts[1])
            } else if parts.count >= 3,
                let binding = bindings.first(where: {
                    $0.relation?.schema?.lowercased() == lowered[0] && $0.relation?.name.lowercased() == lowered[1]
                })
            {
                qualified = (binding, parts[2])
            }
            if let (binding, column) = qualified {
                switch binding.lookup(column) {
                case .exact(let lineage), .guess(let lineage): return .found(lineage)
                case .unresolved: return .unresolved
                case .missing: return .missingColumn(in: binding)
                }
            }
        }
        // An unqualified column, or a struct field of one (`s.field`).
        if let lineage = merged[lowered[0]] { return .found(lineage) }
        var exact: [(String, ExpressionLineage)] = [], guesses: [ExpressionLineage] = [], unresolved = false
        for binding in bindings {
            switch binding.lookup(first) {
            case .exact(let lineage): exact.append((binding.alias, lineage))
            case .guess(let lineage): guesses.append(lineage)
            case .unresolved: unresolved = true
            case .missing: break
            }
        }
        if exact.count == 1, let only = exact.first {
            return guesses.isEmpty && !unresolved ? .found(only.1) : .unchecked(only.1)
        }
        if exact.count > 1 { return .ambiguous(exact.map(\.0)) }
        if guesses.count == 1, let only = guesses.first, !unresolved { return .found(only) }
        if !guesses.isEmpty || unresolved { return .unresolved }
        return .notFound(allKnown: bindings.allSatisfy(\.isFullyKnown))
    }
}

/// A CTE visible at some point of the query: a linked list, innermost and latest first, so that
/// CTE *i* sees CTEs 0..<i of its WITH and the enclosing WITHs.
final class CTEScope {
    let name: String
    let slots: [Slot]
    let parent: CTEScope?

    init(name: String, slots: [Slot], parent: CTEScope?) {
        self.name = name
        self.slots = slots
        self.parent = parent
    }

    func find(_ name: String) -> CTEScope? {
        var current: CTEScope? = self
        let lowered = name.lowercased()
        while let scope = current {
            if scope.name.lowercased() == lowered { return scope }
            current = scope.parent
        }
        return nil
    }
}
