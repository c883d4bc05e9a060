import TesseraModel
import TesseraSQL

/// Refuses a query that names a product its principal may not read, before anything runs: the
/// principal's connection has no view of such a product anyway, but "no such table" would hide
/// why. The refusal names the product, the principal and who may read it.
struct QueryAccess {
    let project: Project

    /// A query that does not parse is refused later, with DuckDB's own words. Returns the
    /// products the query names (`domain.product`), or nil when it names anything else — a
    /// domain's own model or source, an unqualified name — or does not parse: then nothing is
    /// known to be left out.
    @discardableResult
    func refuseUnreadable(_ sql: String, as principal: Principal, analyzer: SQLAnalyzer) throws(CoreError)
        -> Set<String>?
    {
        let policy = ReadPolicy(project: project)
        let analysis = analyzer.analyze(sql: sql, file: "<query>")
        var named: Set<String>? = analysis.diagnostics.contains { $0.severity == .error } ? nil : []
        for relation in analysis.dependencies {
            let product = product(named: relation)
            if let product { named?.insert(product.qualifiedName) } else { named = nil }
            guard let product,
                case .refused(let why) = policy.decide(principal, reads: product)
            else { continue }
            throw CoreError(
                .forbidden, "\(why).",
                hint:
                    "domain \(product.domain) decides who reads it: `access.readers` in \(product.location.file); `tessera catalog show \(product.qualifiedName)` says who may"
            )
        }
        return named
    }

    /// The product a relation of the query names: `<domain>.<product>` or an earlier major's
    /// `<domain>.<product>__v<N>`.
    private func product(named relation: RelationName) -> Product? {
        guard relation.catalog == nil, let schema = relation.schema, let domain = project.domain(named: schema) else {
            return nil
        }
        if let product = domain.product(named: relation.name) { return product }
        guard let marker = relation.name.range(of: Product.previousMajorSuffix, options: .backwards),
            Int(relation.name[marker.upperBound...]) != nil
        else { return nil }
        return domain.product(named: String(relation.name[..<marker.lowerBound]))
    }
}
