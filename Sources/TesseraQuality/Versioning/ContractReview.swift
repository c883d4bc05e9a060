import TesseraModel

/// One product's contract as written, compared with the one last published: what changed, which
/// consumers each breaking change breaks, and whether the `version:` suits the changes. What
/// `tessera validate` turns into diagnostics and `tessera plan` shows.
public struct ContractReview: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        public var change: ContractChange
        /// The consumers this change breaks; empty for a change that breaks nobody.
        public var breaks: [ContractConsumer]
    }

    /// `domain.product`.
    public var product: String
    public var publishedVersion: SemVer
    public var version: SemVer
    public var changes: [Change]
    public var verdict: VersionVerdict

    /// Every consumer some change breaks, sorted.
    public var brokenConsumers: [ContractConsumer] {
        Array(Set(changes.flatMap(\.breaks))).sorted()
    }

    /// Compares `product` with what was last published; nil when neither the contract nor the
    /// version changed.
    public init?(
        product: Product, published: ContractDocument, publishedVersion: SemVer,
        consumers: BreakingChangeRule.ConsumerLookup
    ) {
        let diff = ContractDiff(old: published, new: ContractDocument(product: product))
        let verdict = diff.verdict(oldVersion: publishedVersion, newVersion: product.version)
        guard !diff.isEmpty || product.version != publishedVersion else { return nil }
        self.product = product.qualifiedName
        self.publishedVersion = publishedVersion
        self.version = product.version
        self.verdict = verdict
        self.changes = diff.changes.map { change in
            Change(
                change: change,
                breaks: change.isBreaking
                    ? BreakingChangeRule.brokenConsumers(of: product.qualifiedName, by: change, consumers: consumers)
                    : [])
        }
    }
}
