import TesseraModel

/// One result of a catalog search, best first.
public struct CatalogSearchHit: Sendable, Hashable {
    /// `domain`, `source`, `model`, `product` or `column`.
    public var kind: String
    /// How people write it: `sales`, `sales.src.orders`, `sales.orders`, `sales.orders.amount`.
    public var name: String
    /// The source, model or product it is or belongs to; nil for a domain.
    public var asset: NodeID?
    /// The column's name, for a column.
    public var column: String?
    public var description: String?
    public var owner: String?
    public var tags: [String]
    /// For a column: its classification, when declared.
    public var classification: String?
    /// SQLite's bm25 score: lower is better; 0 when only filters were given.
    public var score: Double
    /// The fields the words were found in (`name`, `description`, `tags`, `owner`, and `domain`
    /// for an asset's domain or `asset` for a column's asset); empty when only filters were given.
    public var matched: [String]

    public init(
        kind: String, name: String, asset: NodeID?, column: String?, description: String?, owner: String?,
        tags: [String], classification: String?, score: Double, matched: [String]
    ) {
        self.kind = kind
        self.name = name
        self.asset = asset
        self.column = column
        self.description = description
        self.owner = owner
        self.tags = tags
        self.classification = classification
        self.score = score
        self.matched = matched
    }
}
