/// The `sla:` block of a product.
public struct ServiceLevel: Sendable, Hashable {
    /// A current snapshot older than this is stale; nil: never stale.
    public var freshness: TimeSpan?

    public init(freshness: TimeSpan? = nil) { self.freshness = freshness }
}
