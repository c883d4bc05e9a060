import TesseraModel
/// A model or product that reads columns of a data product, directly or through models downstream.
public struct ProductConsumer: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var node: NodeID
    /// The model's `.sql` file or the product's `.yaml` file.
    public var file: String
    /// The node it reads them from: the product itself for a direct reader, else the model or
    /// product upstream of it through which the columns reach it.
    public var readsFrom: NodeID
    /// The columns of ``readsFrom`` it reads (for a product: the columns of its model it publishes), sorted.
    public var columns: [String]
    /// Its own columns that derive from them, sorted: what its readers see change.
    public var derivedColumns: [String]
    /// It reads them through a `*`: it reads every column, and by position.
    public var readsAllColumns: Bool

    public init(
        node: NodeID, file: String, readsFrom: NodeID, columns: [String], derivedColumns: [String],
        readsAllColumns: Bool
    ) {
        self.node = node
        self.file = file
        self.readsFrom = readsFrom
        self.columns = columns
        self.derivedColumns = derivedColumns
        self.readsAllColumns = readsAllColumns
    }

    public var kind: NodeKind { node.kind }
    public var domain: String { node.domain }
    public var name: String { node.name }

    /// `model finance.revenue (domains/finance/models/revenue.sql) reads sales.orders: amount`.
    public var description: String {
        let read = readsAllColumns ? "* (every column)" : columns.joined(separator: ", ")
        return "\(kind.rawValue) \(node.displayName) (\(file)) reads \(readsFrom.displayName): \(read)"
    }

    public static func < (lhs: ProductConsumer, rhs: ProductConsumer) -> Bool { lhs.node < rhs.node }
}
