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

    /// How people write it: `sales.src.orders.amount`, `sales.orders`.
    public var displayName: String { node.displayName + (column.map { ".\($0)" } ?? "") }

    /// Unique among the vertices of one graph: `product.sales.orders.amount`.
    public var id: String { node.id + (column.map { ".\($0)" } ?? "") }

    public var description: String { id }

    public static func < (lhs: LineageVertex, rhs: LineageVertex) -> Bool {
        (lhs.node, lhs.column ?? "") < (rhs.node, rhs.column ?? "")
    }
}

extension MeshLineageEdge {
    /// The vertex the edge starts from.
    public var upstreamVertex: LineageVertex { LineageVertex(upstream, column: upstreamColumn) }
    /// The vertex the edge leads to.
    public var downstreamVertex: LineageVertex { LineageVertex(downstream, column: downstreamColumn) }

    /// Direct kinds carry the value (identity, transformation, aggregation); indirect ones decide
    /// which rows or groups there are (join, filter, group by, …). Table-level edges are direct.
    public var isDirect: Bool {
        guard let kind else { return true }
        // A kind this version does not know is taken as indirect: it then never spreads pii.
        return LineageKind(rawValue: kind)?.isDirect ?? false
    }
}
