/// The `sla:` block of a source, model or product.
public struct ServiceLevel: Sendable, Hashable {
    /// Data older than this is stale (for a product, its current snapshot); nil: never stale.
    public var freshness: TimeSpan?

    public init(freshness: TimeSpan? = nil) { self.freshness = freshness }
}
