/// One dependency in the mesh's lineage, with every name resolved: `downstream` is built from
/// `upstream`. Table level when both columns are nil (a model reads a source; a product publishes
/// a model); column level when both are set (`sales.orders_enriched.amount` derives from
/// `sales.src.orders.amount`).
///
/// The shared vocabulary of lineage: extracted from the models' SQL, recorded in the catalog by
/// each run, traversed by `tessera lineage`, propagated by governance and sent as OpenLineage
/// column-lineage facets.
public struct MeshLineageEdge: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var upstream: NodeID
    public var upstreamColumn: String?
    public var downstream: NodeID
    public var downstreamColumn: String?
    /// How a column derives from its input (`identity`, `transformation`, `aggregation`, `join`,
    /// `filter`, … — TesseraSQL's `LineageKind` raw values); nil at table level.
    public var kind: String?

    public init(
        upstream: NodeID, upstreamColumn: String? = nil, downstream: NodeID, downstreamColumn: String? = nil,
        kind: String? = nil
    ) {
        self.upstream = upstream
        self.upstreamColumn = upstreamColumn
        self.downstream = downstream
        self.downstreamColumn = downstreamColumn
        self.kind = kind
    }

    public var isColumnLevel: Bool { upstreamColumn != nil && downstreamColumn != nil }

    public var description: String {
        let from = upstream.displayName + (upstreamColumn.map { ".\($0)" } ?? "")
        let to = downstream.displayName + (downstreamColumn.map { ".\($0)" } ?? "")
        return "\(from) -> \(to)" + (kind.map { " (\($0))" } ?? "")
    }

    public static func < (lhs: MeshLineageEdge, rhs: MeshLineageEdge) -> Bool {
        (lhs.downstream, lhs.downstreamColumn ?? "", lhs.upstream, lhs.upstreamColumn ?? "", lhs.kind ?? "")
            < (rhs.downstream, rhs.downstreamColumn ?? "", rhs.upstream, rhs.upstreamColumn ?? "", rhs.kind ?? "")
    }
}
