import TesseraModel
import TesseraSQL

/// A point of the lineage graph: a node (table level) or one column of a node (column level).
public struct LineageVertex: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var node: NodeID
    /// Nil at table level.
    public var column: String?

    public init(_ node: NodeID, column: String? = nil) {
        self.node = node
        self.column = column
    }

    public var isColumn: Bool { column != nil }

    /// How people write it: `sales.src.orders.amount`, `sales.orders`, and a dashboard's chart
    /// field `sales.revenue/by_country.revenue` (the slash keeps it apart from a product's column).
    public var displayName: String { node.displayName + columnSuffix }

    /// Unique among the vertices of one graph: `product.sales.orders.amount`.
    public var id: String { node.id + columnSuffix }

    private var columnSuffix: String {
        guard let column else { return "" }
        return (node.kind == .dashboard ? "/" : ".") + column
    }

    public var description: String { id }

    /// The order of ``NodeID`` (domain, name, kind), then the column; spelled out rather than
    /// through `NodeID.<` because sorting 100,000 vertices is on the path of every traversal.
    public static func < (lhs: LineageVertex, rhs: LineageVertex) -> Bool {
        if lhs.node.domain != rhs.node.domain { return lhs.node.domain < rhs.node.domain }
        if lhs.node.name != rhs.node.name { return lhs.node.name < rhs.node.name }
        if lhs.node.kind != rhs.node.kind { return lhs.node.kind.rank < rhs.node.kind.rank }
        return (lhs.column ?? "") < (rhs.column ?? "")
    }
}

extension MeshLineageEdge {
    /// The vertex the edge starts from.
    public var upstreamVertex: LineageVertex { LineageVertex(upstream, column: upstreamColumn) }
    /// The vertex the edge leads to.
    public var downstreamVertex: LineageVertex { LineageVertex(downstream, column: downstreamColumn) }

    /// Direct kinds carry the value (identity, transformation, aggregation); indirect ones decide
    /// which rows or groups there are (join, filter, group by, …). Table-level edges are direct.
    public var isDirect: Bool { Self.isDirect(kind: kind) }

    /// Whether edges of `kind` are direct. A kind this version does not know is taken as
    /// indirect: it then never spreads pii.
    public static func isDirect(kind: String?) -> Bool {
        guard let kind else { return true }
        return LineageKind(rawValue: kind)?.isDirect ?? false
    }
}

extension NodeKind {
    /// The position in `NodeKind`'s order, without building `allCases` for each comparison.
    var rank: Int {
        switch self {
        case .source: 0
        case .model: 1
        case .product: 2
        case .dashboard: 3
        }
    }
}
