import TesseraModel

/// `tessera validate`'s contract-version rule, as a pure function: a contract change
/// that breaks consumers needs a new major version, and the error lists every consumer it breaks.
///
/// The caller supplies what is not in the project files: the last published contract of each
/// product (from the catalog) and the consumers of a product's columns (from the mesh analysis).
public enum BreakingChangeRule {
    /// The consumers of `columns` (nil: every column) of a product written `domain.product`.
    public typealias ConsumerLookup = (_ product: String, _ columns: Set<String>?) -> [ContractConsumer]

    /// One error per product whose breaking changes come without a major bump (or whose version
    /// went down), one warning per product changed without any bump. `published("domain.product")`
    /// is nil for a product never published: nothing to compare with.
    public static func diagnostics(
        project: Project, consumers: ConsumerLookup, published: (String) -> ContractDocument?
    ) -> [Diagnostic] {
        diagnostics(products: project.domains.flatMap(\.products), consumers: consumers, published: published)
    }

    /// The same, for some products only (what a `tessera run` selection publishes).
    public static func diagnostics(
        products: [Product], consumers: ConsumerLookup, published: (String) -> ContractDocument?
    ) -> [Diagnostic] {
        products.compactMap { product in
            review(of: product, consumers: consumers, published: published).flatMap {
                diagnostic(product: product, review: $0)
            }
        }
    }

    /// Every product whose contract or version changed since it was last published, in project order.
    public static func reviews(
        project: Project, consumers: ConsumerLookup, published: (String) -> ContractDocument?
    ) -> [ContractReview] {
        project.domains.flatMap(\.products).compactMap { review(of: $0, consumers: consumers, published: published) }
    }

    static func review(of product: Product, consumers: ConsumerLookup, published: (String) -> ContractDocument?)
        -> ContractReview?
    {
        guard let old = published(product.qualifiedName), let oldVersion = old.semVer else { return nil }
        return ContractReview(product: product, published: old, publishedVersion: oldVersion, consumers: consumers)
    }

    static func diagnostic(product: Product, review: ContractReview) -> Diagnostic? {
        // The contract block is where the change was made; the version line is not located by the loader.
        let location = product.contract.location
        let name = product.qualifiedName
        switch review.verdict {
        case .ok:
            return nil
        case let .versionWentDown(old, new):
            return .error(
                "the version of \(name) went down: \(old) is published, \(new) is written",
                at: location, hint: "a published version only goes up: write \(old) or higher")
        case let .needsMinorBump(old, next):
            let list = review.changes.map { "  - \($0.change.message)" }.joined(separator: "\n")
            return .warning(
                "the contract of \(name) changed but its version is still \(old):\n\(list)",
                at: location, hint: "bump the minor version to \(next) so consumers can tell the contract changed")
        case let .needsMajorBump(old, next):
            var lines = ["breaking changes to \(name) need a new major version: \(old) → \(next)"]
            for change in review.changes where change.change.isBreaking {
                lines.append("  - \(change.change.message)")
                if change.breaks.isEmpty {
                    lines.append("      breaks no known consumer in this project")
                } else {
                    for consumer in change.breaks {
                        let reads = consumer.readsAllColumns ? "*" : consumer.columns.joined(separator: ", ")
                        lines.append(
                            "      breaks \(consumer.label) of domain \(consumer.domain) (\(consumer.file))"
                                + (reads.isEmpty ? "" : ", reads \(reads)"))
                    }
                }
            }
            let everyone = review.brokenConsumers
            let domains = Set(everyone.map(\.domain)).sorted()
            if !everyone.isEmpty {
                lines.append(
                    "  \(everyone.count) consumer\(everyone.count == 1 ? "" : "s") in \(domains.count) domain\(domains.count == 1 ? "" : "s") (\(domains.joined(separator: ", "))) would break"
                )
            }
            // Dashboards read the current version only: a major bump does not spare their charts.
            let charts =
                everyone.contains { $0.kind == "dashboard" } ? "; change the dashboards' charts with it" : ""
            return .error(
                lines.joined(separator: "\n"), at: location,
                hint:
                    "set version: \(next) in \(product.location.file) (consumers keep reading \(name)\(Product.previousMajorSuffix)\(old.major) until they move)\(charts), or revert the breaking changes"
            )
        }
    }

    /// The consumers a change breaks: readers of the columns it concerns; for a change of column
    /// positions, readers by position (`*`); for a new primary key, every reader.
    static func brokenConsumers(of product: String, by change: ContractChange, consumers: ConsumerLookup)
        -> [ContractConsumer]
    {
        switch change.kind {
        case .columnRemoved, .typeChanged, .madeNullable, .maskAdded, .maskChanged:
            return consumers(product, Set(change.columns)).sorted()
        case .columnRenamed:
            return consumers(product, Set(change.columns.prefix(1))).sorted()
        case .columnAddedInMiddle, .columnsReordered:
            return consumers(product, nil).filter(\.readsAllColumns).sorted()
        case .primaryKeyChanged:
            return consumers(product, nil).sorted()
        case .columnAddedAtEnd, .typeWidened, .madeRequired, .descriptionChanged, .classificationChanged,
            .classificationLowered, .maskRemoved:
            return []
        }
    }
}
