import TesseraModel
import TesseraSQL

/// Refuses a query that names a product its principal may not read, before anything runs: the
/// principal's connection has no view of such a product anyway, but "no such table" would hide
/// why. The refusal names the product, the principal and who may read it.
struct QueryAccess {
    let project: Project

    /// A query that does not parse is refused later, with DuckDB's own words.
    func refuseUnreadable(_ sql: String, as principal: Principal, analyzer: SQLAnalyzer) throws(CoreError) {
        let policy = ReadPolicy(project: project)
        for relation in analyzer.analyze(sql: sql, file: "<query>").dependencies {
            guard let product = product(named: relation),
                case .refused(let why) = policy.decide(principal, reads: product)
            else { continue }
            throw CoreError(
                .forbidden, "\(why).",
                hint:
                    "domain \(product.domain) decides who reads it: `access.readers` in \(product.location.file); `tessera catalog show \(product.qualifiedName)` says who may"
            )
        }
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
