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

    /// A cycle is reported at the first step of the loop that is written somewhere: a model's
    /// reference in its SQL, or a relationship check in a product's or model's yaml.
    static func diagnostic(for cycle: MeshGraph.Cycle, graph: MeshGraph, models: [NodeID: ModelInfo], project: Project,
                           resolver: DependencyResolver) -> Diagnostic? {
        let nodes = cycle.nodes
        for (index, node) in nodes.enumerated() {
            let next = nodes[(index + 1) % nodes.count]
            if graph.upstream(of: node).contains(next), let info = models[node] {
                let location = info.analysis.references.first { reference in
                    resolvedID(reference, domain: node.domain, resolver: resolver) == next
                }?.location ?? info.model.location
                return .error("dependency cycle: \(cycle)", at: location,
                              hint: "a model cannot read itself through other models; use @this to read the model's own current table")
            }
            if graph.checked(by: node).contains(next), let check = relationshipCheck(of: node, to: next, in: project) {
                return .error("dependency cycle: \(cycle)", at: check.location,
                              hint: "a relationship check needs \(next.displayName) published first, and \(next.displayName) needs this node; remove one of the two")
            }
        }
        return nil
    }

    private static func resolvedID(_ reference: TableReference, domain: String, resolver: DependencyResolver) -> NodeID? {
        switch resolver.resolve(reference, domain: domain) {
        case .model(let name): NodeID(.model, domain, name)
        case .source(let name): NodeID(.source, domain, name)
        case .product(let owner, let name, _): NodeID(.product, owner, name)
        case .unknown: nil
        }
    }

    private static func relationshipCheck(of node: NodeID, to target: NodeID, in project: Project) -> Check? {
        let domain = project.domain(named: node.domain)
        let checks: [Check] = switch node.kind {
        case .product: domain?.product(named: node.name)?.checks ?? []
        case .model: domain?.models.first { $0.name == node.name }?.allChecks ?? []
        case .source: []
        }
        return checks.first { check in
            guard case .relationship(_, let reference) = check.kind else { return false }
            return reference.domain == target.domain && reference.product == target.name
        }
    }
}
