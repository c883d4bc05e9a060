import TesseraModel

/// What one principal may see of the mesh in discovery (catalog, lineage, runs): the products it
/// may read (`ReadPolicy`, in clear or masked), the models and sources of the domains it belongs
/// to, and every domain's name. Mesh admins and the operator see everything. Anything else leaves
/// no trace: it is left out of lists and searches, and asking for it by name finds nothing.
public struct Visibility: Sendable {
    let project: Project
    public let principal: Principal

    init(project: Project, principal: Principal) {
        self.project = project
        self.principal = principal
    }

    /// Whether the principal acts for everything: the operator, or a mesh admin.
    var seesEverything: Bool {
        switch principal {
        case .meshOperator: true
        case .person(let name): project.mesh.admins.contains(name)
        case .domain, .service: false
        }
    }

    /// Whether the principal belongs to `domain`: the domain itself, a service of it, a member.
    func belongs(to domain: Domain) -> Bool {
        switch principal {
        case .meshOperator: false
        case .domain(let name): name == domain.name
        case .service(let name): domain.services.contains { $0.name == name }
        case .person(let name): domain.members.contains { $0.name == name }
        }
    }

    /// Whether the principal may see this node; a dashboard, when it may be shown it.
    public func sees(_ node: NodeID) -> Bool {
        if seesEverything { return true }
        guard let domain = project.domain(named: node.domain) else { return false }
        if node.kind == .dashboard {
            guard let dashboard = domain.dashboards.first(where: { $0.name == node.name }) else { return false }
            return ReadPolicy(project: project).mayView(principal, dashboard)
        }
        if node.kind == .product {
            guard let product = domain.product(named: node.name) else { return false }
            return ReadPolicy(project: project).decide(principal, reads: product).isReadable
        }
        return belongs(to: domain)
    }

    /// Whether the principal may see what `name` names: a node id (`product.sales.orders`), or a
    /// name as people write it (`sales.orders`, `sales.src.orders`), optionally with a column.
    /// A name that names nothing known is not seen.
    public func sees(name: String) -> Bool {
        // A dashboard's part: `sales.overview/revenue_by_region.revenue`, or by the dashboard's id.
        if let slash = name.firstIndex(of: "/") {
            let owner = String(name[..<slash])
            let parts = owner.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { return NodeID(id: owner).map(sees) ?? false }
            return sees(NodeID(.dashboard, parts[0], parts[1]))
        }
        if let node = NodeID(id: name) { return sees(node) }
        if let node = node(named: name) { return sees(node) }
        // `domain.asset.column` or `domain.src.source.column`: the asset decides.
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 2, let node = node(named: parts.dropLast().joined(separator: ".")) else { return false }
        return sees(node)
    }

    /// The node a written name stands for; a product before a model of the same name, so that the
    /// stricter rule of the two decides.
    func node(named name: String) -> NodeID? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[1] == "src" { return NodeID(.source, parts[0], parts[2]) }
        guard parts.count == 2, let domain = project.domain(named: parts[0]) else { return nil }
        if domain.product(named: parts[1]) != nil { return NodeID(.product, parts[0], parts[1]) }
        return NodeID(.model, parts[0], parts[1])
    }
}

extension Workspace {
    /// What `principal` may see in discovery.
    public func visibility(for principal: Principal) -> Visibility {
        Visibility(project: project, principal: principal)
    }
}
