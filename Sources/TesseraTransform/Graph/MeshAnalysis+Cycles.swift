import TesseraModel
import TesseraSQL

extension MeshAnalysis {
    /// A `relationship` check reads the target product's current snapshot, so the target must be
    /// published before the checked node is verified: an edge of the DAG (not of its data).
    static func connectRelationshipChecks(_ project: Project, in graph: inout MeshGraph) {
        for domain in project.domains {
            for product in domain.products {
                for target in relationshipTargets(product.checks) {
                    graph.connect(NodeID(.product, domain.name, product.name), checksAgainst: target)
                }
            }
            for model in domain.models {
                for target in relationshipTargets(model.allChecks) {
                    graph.connect(NodeID(.model, domain.name, model.name), checksAgainst: target)
                }
            }
        }
    }

    static func relationshipTargets(_ checks: [Check]) -> [NodeID] {
        checks.compactMap { check in
            guard case .relationship(_, let reference) = check.kind else { return nil }
            return NodeID(.product, reference.domain, reference.product)
        }
    }

    /// A cycle is reported where the loop is written: at a relationship check in it if there is
    /// one (the edge a user most likely added last, and the one to remove), else at the first
    /// model's reference in its SQL.
    static func diagnostic(
        for cycle: MeshGraph.Cycle, graph: MeshGraph, models: [NodeID: ModelInfo], project: Project,
        resolver: DependencyResolver
    ) -> Diagnostic? {
        let steps = cycle.nodes.indices.map { (cycle.nodes[$0], cycle.nodes[($0 + 1) % cycle.nodes.count]) }
        for (node, next) in steps
        where graph.checked(by: node).contains(next) && !graph.upstream(of: node).contains(next) {
            guard let check = relationshipCheck(of: node, to: next, in: project) else { continue }
            return .error(
                "dependency cycle: \(cycle)", at: check.location,
                hint:
                    "a relationship check needs \(next.displayName) published first, and \(next.displayName) waits for this node; remove this check or what closes the loop"
            )
        }
        for (node, next) in steps where graph.upstream(of: node).contains(next) {
            guard let info = models[node] else { continue }
            let location =
                info.analysis.references.first { reference in
                    resolvedID(reference, domain: node.domain, resolver: resolver) == next
                }?.location ?? info.model.location
            return .error(
                "dependency cycle: \(cycle)", at: location,
                hint: "a model cannot read itself through other models; use @this to read the model's own current table"
            )
        }
        return nil
    }

    private static func resolvedID(_ reference: TableReference, domain: String, resolver: DependencyResolver) -> NodeID?
    {
        switch resolver.resolve(reference, domain: domain) {
        case .model(let name): NodeID(.model, domain, name)
        case .source(let name): NodeID(.source, domain, name)
        case .product(let owner, let name, _): NodeID(.product, owner, name)
        case .unknown: nil
        }
    }

    private static func relationshipCheck(of node: NodeID, to target: NodeID, in project: Project) -> Check? {
        let domain = project.domain(named: node.domain)
        let checks: [Check] =
            switch node.kind {
            case .product: domain?.product(named: node.name)?.checks ?? []
            case .model: domain?.models.first { $0.name == node.name }?.allChecks ?? []
            case .source, .dashboard: []
            }
        return checks.first { check in
            guard case .relationship(_, let reference) = check.kind else { return false }
            return reference.domain == target.domain && reference.product == target.name
        }
    }
}
