import TesseraModel
import TesseraSQL
import TesseraTransform

/// What each part of a dashboard reads of which product: its charts' and category parameters'
/// SQL analysed as a model's is (parameters in place, products' columns from their contracts).
/// Lineage draws it; a contract change looks in it for the charts it breaks.
struct DashboardReads {
    /// A chart (`key` its lineage name) or a category parameter (`@name`), and its SQL's analysis.
    struct Part {
        var dashboard: Dashboard
        var key: String
        /// The chart's title, or the parameter's name: how people recognise it.
        var label: String
        var isParameter: Bool
        var outputs: [OutputColumn]
        /// The products it reads, by the relation names the SQL writes.
        var products: [RelationName: NodeID]
    }

    let project: Project
    /// The project's dashboards, and any of domains set aside for their errors.
    let dashboards: [Dashboard]
    private let analyzer: SQLAnalyzer
    private let resolver: DependencyResolver

    init(project: Project, analyzer: SQLAnalyzer, setAside: [Dashboard] = []) {
        self.project = project
        self.dashboards = project.domains.flatMap(\.dashboards) + setAside
        self.analyzer = analyzer
        resolver = DependencyResolver(
            sources: [:], models: [:],
            products: Dictionary(project.domains.map { ($0.name, $0.products.map(\.name)) }, uniquingKeysWith: +))
    }

    /// The product a relation of a dashboard's SQL names: `<domain>.<product>`, the current version.
    func product(_ relation: RelationName) -> NodeID? {
        // No domain context: a dashboard reads products only, always qualified.
        guard case .product(let owner, let name, .none) = resolver.resolve(relation, domain: "") else { return nil }
        return NodeID(.product, owner, name)
    }

    /// Every part of every dashboard. `hiding`'s columns are left unknown, so a column its
    /// contract no longer has is still seen being read (and a `*` over it stays a `*`).
    func parts(hiding: NodeID? = nil) -> [Part] {
        dashboards.flatMap { parts(of: $0, hiding: hiding) }
    }

    func parts(of dashboard: Dashboard, hiding: NodeID? = nil) -> [Part] {
        var parts: [Part] = []
        for parameter in dashboard.parameters {
            guard case .category(let query, _, _) = parameter.kind else { continue }
            if let part = part(
                query, of: dashboard, key: Dashboard.parameterKey(parameter.name), label: parameter.name,
                isParameter: true, hiding: hiding)
            {
                parts.append(part)
            }
        }
        for (chart, key) in zip(dashboard.charts, dashboard.chartKeys) {
            let label = chart.title.isEmpty ? key : chart.title
            if let part = part(chart.sql, of: dashboard, key: key, label: label, isParameter: false, hiding: hiding) {
                parts.append(part)
            }
        }
        return parts
    }

    /// Nil when the SQL does not even take its parameters (validate says why).
    private func part(
        _ sql: String, of dashboard: Dashboard, key: String, label: String, isParameter: Bool, hiding: NodeID?
    ) -> Part? {
        guard
            case .success(let text) = DashboardSQL.substitute(sql, values: DashboardValidation.sampleValues(dashboard))
        else { return nil }
        let project = project
        let reads = self
        let schemas: SchemaProvider = { relation in
            guard let node = reads.product(relation), node != hiding else { return nil }
            return project.domain(named: node.domain)?.product(named: node.name)?.contract.columnNames
        }
        let analysis = analyzer.analyze(sql: text, file: dashboard.location.file, schemas: schemas)
        var products: [RelationName: NodeID] = [:]
        for relation in analysis.dependencies { products[relation] = product(relation) }
        return Part(
            dashboard: dashboard, key: key, label: label, isParameter: isParameter, outputs: analysis.outputColumns,
            products: products)
    }
}
