extension ParseSession {
    /// The checks that need every file: what products publish, who may read them, what
    /// relationships point at.
    func checkReferences(in project: Project) {
        checkInputs(in: project)
        checkReaders(in: project)
        checkRelationships(in: project)
    }

    /// Each product's `model:` or `source:` exists in its domain.
    private func checkInputs(in project: Project) {
        for reference in inputReferences {
            guard let domain = project.domain(named: reference.domain) else { continue }
            switch reference.input {
            case let .model(name) where domain.model(named: name) == nil:
                let models = domain.models.map(\.name)
                if reference.isDefault {
                    var hint = "add `model: <name>` or `source: <name>`"
                    if let close = closestName(to: name, among: models) { hint += "; did you mean 'model: \(close)'?" }
                    if domain.source(named: name) != nil {
                        hint = "to publish the source of that name, add `source: \(name)`"
                    }
                    sink.error(
                        "product '\(reference.product)' names no model or source, and domain '\(domain.name)' has no model '\(name)'",
                        at: reference.location, hint: hint)
                } else {
                    sink.error(
                        "model '\(name)' does not exist in domain '\(domain.name)'", at: reference.location,
                        hint: didYouMean(name, among: models)
                            ?? noneHint(models, kind: "model", folder: "domains/\(domain.name)/models"))
                }
            case let .source(name) where domain.source(named: name) == nil:
                let sources = domain.sources.map(\.name)
                sink.error(
                    "source '\(name)' does not exist in domain '\(domain.name)'", at: reference.location,
                    hint: didYouMean(name, among: sources)
                        ?? noneHint(sources, kind: "source", folder: "domains/\(domain.name)/sources"))
            default:
                break
            }
        }
    }

    /// Each domain `access.readers` names exists.
    private func checkReaders(in project: Project) {
        let domainNames = project.domains.map(\.name)
        for reference in readerReferences where project.domain(named: reference.domain) == nil {
            sink.error(
                "access.readers names unknown domain '\(reference.domain)'", at: reference.location,
                hint: didYouMean(reference.domain, among: domainNames)
                    ?? "domains: \(domainNames.joined(separator: ", "))")
        }
    }

    /// Each relationship points at a column of a product its domain may read.
    private func checkRelationships(in project: Project) {
        let domainNames = project.domains.map(\.name)
        for relationship in relationshipReferences {
            let target = relationship.reference
            guard let domain = project.domain(named: target.domain) else {
                sink.error(
                    "relationship.to names unknown domain '\(target.domain)'", at: relationship.location,
                    hint: didYouMean(target.domain, among: domainNames))
                continue
            }
            guard let product = domain.product(named: target.product) else {
                sink.error(
                    "relationship.to names unknown product '\(target.domain).\(target.product)'",
                    at: relationship.location,
                    hint: closestName(to: target.product, among: domain.products.map(\.name)).map {
                        "did you mean '\(domain.name).\($0)'?"
                    })
                continue
            }
            if let checker = Self.domain(of: relationship.location.file),
                case .refused(let why) = ReadPolicy(project: project).decide(.domain(checker), reads: product)
            {
                // The check reads the target's keys: it is a read like any other.
                sink.error(
                    "relationship.to: \(why)", at: relationship.location,
                    hint:
                        "ask the owner of \(product.qualifiedName) to add '\(checker)' to access.readers in \(product.location.file)"
                )
            }
            if product.contract.column(named: target.column) == nil {
                sink.error(
                    "relationship.to names column '\(target.column)', which is not in the contract of \(product.qualifiedName)",
                    at: relationship.location, hint: didYouMean(target.column, among: product.contract.columnNames))
            }
        }
    }

    private func noneHint(_ names: [String], kind: String, folder: String) -> String {
        names.isEmpty
            ? "the domain has no \(kind)s yet; add them under \(folder)/"
            : "\(kind)s of the domain: \(names.joined(separator: ", "))"
    }

    /// The domain a project file belongs to: `domains/<domain>/…`.
    static func domain(of file: String) -> String? {
        let parts = file.split(separator: "/")
        guard parts.count > 2, parts[0] == "domains" else { return nil }
        return String(parts[1])
    }
}
