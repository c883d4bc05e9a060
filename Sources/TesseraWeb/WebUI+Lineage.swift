import Foundation
import Hummingbird
import TesseraCore
import TesseraModel

/// The lineage page's handler: the graph the core traces for the viewer (`CatalogView.lineage`,
/// which leaves out every node the viewer may not see), laid out here, drawn as SVG.
extension WebUI {
    func lineagePage(_ name: String?, _ request: Request, _ session: WebSession) async throws -> Response {
        let filters = LineagePage.Filters(WebForm.query(request))
        let view = workspace.catalogView(as: session.principal)
        let graph: LineageGraphView
        if let name {
            graph = try await traced(name, filters, view)
        } else {
            graph = try await meshGraph(view)
        }
        // Around a node, columns are centred (the script scrolls the node into view); the whole
        // mesh starts at the top, so that its first view, the top-left corner, shows nodes.
        var options = LayeredLayout.Options()
        if name == nil { options.alignment = .top }
        let drawing = LayeredLayout(nodes: graph.entries.map(\.id), edges: graph.edges, options: options)
        var info: [String: LineageSVG.NodeInfo] = [:]
        for entry in graph.entries {
            // The filters are the lineage page's: a dashboard's page has parameters of its own.
            let query = entry.kind == NodeKind.dashboard.rawValue ? "" : filters.query(column: "")
            info[entry.id] = LineageSVG.NodeInfo(
                label: entry.name, kind: entry.kind, href: Self.lineageLink(entry) + query,
                title: "\(entry.name) (\(entry.kind))", isRoot: entry.id == graph.root,
                isHighlighted: graph.highlighted.contains(entry.id), isTruncated: graph.truncated.contains(entry.id),
                detail: graph.pathColumns[entry.id].map { $0.joined(separator: ", ") })
        }
        let svg = LineageSVG(layout: drawing, info: info, highlightedEdges: graph.highlightedEdges)
        let page = LineagePage(
            root: name, filters: filters, entries: graph.entries, svg: svg, columns: graph.columns, note: graph.note)
        return WebResponses.page(page.render(layout(session, .lineage)))
    }

    /// A node's own lineage page: by its written name, but a model by its id, since a product
    /// of the same name would otherwise be found first. A dashboard's box opens the dashboard.
    static func lineageLink(_ entry: LineagePage.Entry) -> String {
        if entry.kind == NodeKind.dashboard.rawValue { return WebPaths.dashboard(entry.name) }
        return WebPaths.lineage(entry.kind == "model" ? entry.id : entry.name)
    }

    /// What the page draws, whichever way it was found.
    struct LineageGraphView {
        var root: String?
        var entries: [LineagePage.Entry] = []
        var edges: [(from: String, to: String)] = []
        var truncated: Set<String> = []
        var highlighted: Set<String> = []
        var highlightedEdges: Set<String> = []
        /// Per node on the highlighted path, its columns there.
        var pathColumns: [String: [String]] = [:]
        var columns: [String] = []
        var note: String?
    }

    /// Around one node, at table level; a column's path (traced at column level) marked on it.
    func traced(_ name: String, _ filters: LineagePage.Filters, _ view: CatalogView) async throws -> LineageGraphView {
        let document = try view.lineage(.init(name: name, direction: filters.direction, depth: filters.depth))
        var graph = LineageGraphView(
            root: document.vertices.first { $0.id == document.root }?.node, note: document.note)
        var seen = Set<String>()
        let nodeOf = Dictionary(document.vertices.map { ($0.id, $0.node) }, uniquingKeysWith: { first, _ in first })
        for vertex in document.vertices where seen.insert(vertex.node).inserted {
            let shown = NodeID(id: vertex.node)?.displayName ?? vertex.name
            graph.entries.append(.init(id: vertex.node, name: shown, kind: vertex.kind, side: vertex.side))
        }
        graph.edges = document.edges.compactMap { edge in
            guard let from = nodeOf[edge.from], let to = nodeOf[edge.to], from != to else { return nil }
            return (from, to)
        }
        graph.truncated = Set(document.truncated.map { nodeOf[$0] ?? $0 })
        if document.level == "table", let report = try? await view.show(name) {
            graph.columns = report.columns?.map(\.name) ?? []
        }
        if !filters.column.isEmpty, graph.columns.contains(filters.column) {
            let path = try view.lineage(
                .init(name: "\(name).\(filters.column)", direction: filters.direction, depth: filters.depth))
            let pathNode = Dictionary(path.vertices.map { ($0.id, $0.node) }, uniquingKeysWith: { first, _ in first })
            graph.highlighted = Set(path.vertices.map(\.node))
            for vertex in path.vertices {
                if let column = vertex.column, !(graph.pathColumns[vertex.node]?.contains(column) ?? false) {
                    graph.pathColumns[vertex.node, default: []].append(column)
                }
            }
            for edge in path.edges {
                if let from = pathNode[edge.from], let to = pathNode[edge.to] {
                    graph.highlightedEdges.insert(from + "\u{0}" + to)
                }
            }
        }
        return graph
    }

    /// Every node the viewer may see and the table-level edges between them.
    func meshGraph(_ view: CatalogView) async throws -> LineageGraphView {
        var graph = LineageGraphView()
        var seen = Set<String>()
        for node in try await view.assets().map(\.id) where seen.insert(node.id).inserted {
            graph.entries.append(.init(id: node.id, name: node.displayName, kind: node.kind.rawValue, side: "mesh"))
        }
        // Dashboards are not catalog assets: those the viewer may be shown, from the lineage.
        for edge in workspace.lineageEdges where edge.downstream.kind == .dashboard && !edge.isColumnLevel {
            let node = edge.downstream
            guard view.visibility.sees(node), seen.insert(node.id).inserted else { continue }
            graph.entries.append(.init(id: node.id, name: node.displayName, kind: node.kind.rawValue, side: "mesh"))
        }
        var pairs = Set<[String]>()
        for edge in workspace.lineageEdges where !edge.isColumnLevel {
            let (from, to) = (edge.upstream.id, edge.downstream.id)
            guard seen.contains(from), seen.contains(to), pairs.insert([from, to]).inserted else { continue }
            graph.edges.append((from, to))
        }
        return graph
    }
}
