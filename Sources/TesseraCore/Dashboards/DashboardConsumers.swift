import TesseraModel
import TesseraQuality
import TesseraSQL

/// The charts and category parameters a contract change breaks: those whose SQL reads the
/// changed columns of the product, found through their column lineage as a model's are. A
/// dashboard always reads a product's current version, so a change breaks its charts even with
/// a new major version.
struct DashboardConsumers {
    let reads: DashboardReads

    /// `setAside`: dashboards of domains set aside for their errors — a chart that no longer
    /// binds because of the change is one it breaks.
    init(project: Project, analyzer: SQLAnalyzer, setAside: [Dashboard] = []) {
        reads = DashboardReads(project: project, analyzer: analyzer, setAside: setAside)
    }

    /// One consumer per part reading `columns` (nil: any column) of `product`, sorted.
    func consumers(of product: NodeID, columns: Set<String>?) -> [ContractConsumer] {
        let wanted = columns.map { Set($0.map { $0.lowercased() }) }
        return reads.parts(hiding: product).compactMap { part in
            consumer(part, of: product, columns: wanted)
        }.sorted()
    }

    private func consumer(_ part: DashboardReads.Part, of product: NodeID, columns: Set<String>?) -> ContractConsumer? {
        let relations = Set(part.products.filter { $0.value == product }.keys)
        guard !relations.isEmpty else { return nil }
        var read: Set<String> = []
        var star = false
        for output in part.outputs {
            for edge in output.lineage where relations.contains(edge.input.relation) {
                if edge.input.column == "*" {
                    star = true
                } else if columns?.contains(edge.input.column.lowercased()) ?? true {
                    read.insert(edge.input.column)
                }
            }
            // A `*` over the product, whose columns were left unknown, stands for every column.
            if output.isUnresolvedStar,
                output.lineage.isEmpty || output.lineage.contains(where: { relations.contains($0.input.relation) })
            {
                star = true
            }
            // A name the analysis could not place may be one of these columns.
            for name in output.unresolvedReferences where columns?.contains(name.lowercased()) ?? true {
                read.insert(name)
            }
        }
        if star { read.formUnion(columns ?? []) }
        // Any reader counts when every column is concerned (a new primary key).
        guard !read.isEmpty || star || columns == nil else { return nil }
        let dashboard = part.dashboard
        return ContractConsumer(
            kind: NodeKind.dashboard.rawValue, domain: dashboard.domain, name: dashboard.name,
            file: dashboard.location.file, columns: read.sorted(), readsAllColumns: star,
            part: part.isParameter ? "parameter '\(part.label)'" : "chart '\(part.label)'")
    }
}
