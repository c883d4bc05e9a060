import TesseraLineage
import TesseraModel

/// Upstream and downstream of a node or a column, across domains, from the project as it is now
/// (like `dbt ls`): the same edges runs record in the catalog.
public struct Lineage: Sendable {
    let workspace: Workspace

    public struct Request: Sendable {
        /// `domain.name`, `domain.src.source`, a node id, each optionally `.column`.
        public var name: String
        public var direction: LineageDirection
        public var depth: Int?
        public var directOnly: Bool

        public init(name: String, direction: LineageDirection = .both, depth: Int? = nil, directOnly: Bool = false) {
            self.name = name
            self.direction = direction
            self.depth = depth
            self.directOnly = directOnly
        }
    }

    public struct Answer: Sendable {
        public var result: LineageResult
        /// How the name was read, when that needs saying (e.g. the product rather than the model).
        public var note: String?
    }

    public func trace(_ request: Request) throws(CoreError) -> Answer {
        let graph = LineageGraph(edges: workspace.lineageEdges)
        let target: LineageNameResolver.Target
        do { target = try LineageNameResolver(mesh: workspace.mesh, graph: graph).resolve(request.name) } catch {
            throw CoreError(.usage, error.message, hint: error.hint)
        }
        let result = graph.traverse(
            from: target.vertex, direction: request.direction, depth: request.depth,
            directOnly: request.directOnly)
        return Answer(result: result, note: target.note)
    }
}
