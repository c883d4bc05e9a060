import TesseraModel
import TesseraTransform

/// Turns what a user types after `tessera lineage` into a vertex.
///
/// `sales.orders` is the product when there is one, else the model (a product usually publishes
/// the model of its name, and it is what other domains see); `sales.src.orders` a source;
/// `model.sales.orders` an explicit node id. A further `.column` asks for column-level lineage.
/// A dashboard is `sales.revenue` when no product or model has that name (else
/// `dashboard.sales.revenue`); its chart fields are `sales.revenue/<chart>.<column>`.
public struct LineageNameResolver: Sendable {
    /// What a name resolved to, and a sentence for the reader when it could have meant another node.
    public struct Target: Sendable, Hashable {
        public var vertex: LineageVertex
        public var note: String?
    }

    /// A name that names nothing: what was wrong and the closest existing name.
    public struct NameError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var hint: String?
        public var description: String { message }
    }

    /// Every node with its columns, by node.
    private let columns: [NodeID: [String]]
    private let domains: [String]

    public init(columns: [NodeID: [String]]) {
        self.columns = columns
        domains = Array(Set(columns.keys.map(\.domain))).sorted()
    }

    /// Every node of the project with the columns known from its files and SQL, plus any the graph
    /// has edges for (a column the SQL reads from a source without a declared schema).
    public init(mesh: MeshAnalysis, graph: LineageGraph) {
        var columns: [NodeID: Set<String>] = [:]
        for domain in mesh.project.domains {
            for source in domain.sources {
                columns[NodeID(.source, domain.name, source.name), default: []].formUnion(
                    source.schema?.columns.map(\.name) ?? [])
            }
            for model in domain.models { columns[NodeID(.model, domain.name, model.name), default: []].formUnion([]) }
            for product in domain.products {
                columns[NodeID(.product, domain.name, product.name), default: []].formUnion(
                    product.contract.columnNames)
            }
            for dashboard in domain.dashboards {
                columns[NodeID(.dashboard, domain.name, dashboard.name), default: []].formUnion([])
            }
        }
        for (id, info) in mesh.models {
            columns[id, default: []].formUnion(info.analysis.outputColumns.filter { !$0.isUnresolvedStar }.map(\.name))
        }
        for edge in graph.edges where edge.isColumnLevel {
            if let column = edge.upstreamColumn { columns[edge.upstream, default: []].insert(column) }
            if let column = edge.downstreamColumn { columns[edge.downstream, default: []].insert(column) }
        }
        self.init(columns: columns.mapValues { $0.sorted() })
    }

    public func resolve(_ text: String) throws(NameError) -> Target {
        if let slash = text.firstIndex(of: "/") { return try dashboardField(text, slash: slash) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts.contains(where: \.isEmpty) else {
            throw NameError(
                message: "'\(text)' is not a node name",
                hint:
                    "write domain.name (a product, else a model), domain.src.source, or an id such as model.sales.orders; add .column for a column"
            )
        }
        // An explicit id: model.sales.orders[.column].
        if parts.count >= 3, let kind = NodeKind(rawValue: parts[0]) {
            let node = NodeID(kind, parts[1], parts[2])
            if columns[node] != nil { return try target(node, column: rest(parts, from: 3), note: nil) }
        }
        guard domains.contains(parts[0]) else {
            let suggestion = closestName(to: parts[0], among: domains)
            throw NameError(
                message: "no domain '\(parts[0])' in the mesh (in '\(text)')",
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "the domains: \(domains.joined(separator: ", "))")
        }
        if parts.count >= 3, parts[1] == "src", columns[NodeID(.source, parts[0], parts[2])] != nil {
            return try target(NodeID(.source, parts[0], parts[2]), column: rest(parts, from: 3), note: nil)
        }
        let product = NodeID(.product, parts[0], parts[1]), model = NodeID(.model, parts[0], parts[1])
        if columns[product] != nil {
            let note =
                columns[model] == nil
                ? nil
                : "\(product.displayName) is the product; for the model of the same name ask for \(model.id)\(rest(parts, from: 2).map { ".\($0)" } ?? "")"
            return try target(product, column: rest(parts, from: 2), note: note)
        }
        if columns[model] != nil { return try target(model, column: rest(parts, from: 2), note: nil) }
        let dashboard = NodeID(.dashboard, parts[0], parts[1])
        if columns[dashboard] != nil { return try target(dashboard, column: rest(parts, from: 2), note: nil) }

        let names = columns.keys.map(\.displayName).sorted()
        let asked =
            parts.count >= 3 && parts[1] == "src"
            ? parts[0...2].joined(separator: ".") : parts[0...1].joined(separator: ".")
        let suggestion = closestName(to: asked, among: names)
        throw NameError(
            message:
                "no \(hasDashboards ? "source, model, product or dashboard" : "source, model or product") named '\(asked)'",
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "the nodes of domain \(parts[0]): \(names.filter { $0.hasPrefix(parts[0] + ".") }.joined(separator: ", "))"
        )
    }

    /// `sales.revenue/by_country.revenue` or `dashboard.sales.revenue/by_country.revenue`.
    private func dashboardField(_ text: String, slash: String.Index) throws(NameError) -> Target {
        let name = String(text[..<slash]), field = String(text[text.index(after: slash)...])
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let node: NodeID? =
            switch parts.count {
            case 2: NodeID(.dashboard, parts[0], parts[1])
            case 3 where parts[0] == NodeKind.dashboard.rawValue: NodeID(.dashboard, parts[1], parts[2])
            default: nil
            }
        guard let node, columns[node] != nil else {
            let dashboards = columns.keys.filter { $0.kind == .dashboard }.map(\.displayName).sorted()
            let suggestion = closestName(to: parts.suffix(2).joined(separator: "."), among: dashboards)
            throw NameError(
                message: "no dashboard named '\(name)' (in '\(text)')",
                hint: suggestion.map { "did you mean '\($0)/\(field)'?" }
                    ?? "a chart field is written <domain>.<dashboard>/<chart>.<column>")
        }
        return try target(node, column: field.isEmpty ? nil : field, note: nil)
    }

    private var hasDashboards: Bool { columns.keys.contains { $0.kind == .dashboard } }

    private func rest(_ parts: [String], from index: Int) -> String? {
        index < parts.count ? parts[index...].joined(separator: ".") : nil
    }

    private func target(_ node: NodeID, column: String?, note: String?) throws(NameError) -> Target {
        guard let column else { return Target(vertex: LineageVertex(node), note: note) }
        let known = columns[node] ?? []
        if let match = known.first(where: { $0 == column })
            ?? known.first(where: { $0.lowercased() == column.lowercased() })
        {
            return Target(vertex: LineageVertex(node, column: match), note: note)
        }
        let suggestion = closestName(to: column, among: known)
        throw NameError(
            message: "\(node.kind.rawValue) \(node.displayName) has no column '\(column)'",
            hint: suggestion.map { "did you mean '\(LineageVertex(node, column: $0).displayName)'?" }
                ?? (known.isEmpty
                    ? "its columns are not known: ask for \(node.displayName) at table level"
                    : "its columns: \(known.joined(separator: ", "))"))
    }
}
