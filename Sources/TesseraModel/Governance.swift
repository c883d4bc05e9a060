import Foundation

/// The mesh's governance rules (docs/concepts.md), applied as `tessera validate` does. Each rule is
/// on unless tessera.yaml turns it off; every violation is an error.
public enum Governance {
    public static func violations(in project: Project) -> [Diagnostic] {
        let settings = project.mesh.governance
        var diagnostics: [Diagnostic] = []
        func violation(_ message: String, at location: SourceLocation, rule: String, fix: String) {
            diagnostics.append(
                .error(
                    "\(message) (governance.\(rule))", at: location,
                    hint: "\(fix), or set governance.\(rule): false in tessera.yaml"))
        }

        for domain in project.domains {
            let domainFile = "domains/\(domain.name)/domain.yaml"
            if settings.requireOwner, isBlank(domain.owner) {
                violation(
                    "domain '\(domain.name)' has no owner", at: domain.location, rule: "require_owner",
                    fix: "add `owner: <team e-mail>` to \(domainFile)")
            }
            if settings.requireDescription, isBlank(domain.description) {
                violation(
                    "domain '\(domain.name)' has no description", at: domain.location, rule: "require_description",
                    fix: "add `description: …` to \(domainFile)")
            }
            for product in domain.products {
                if settings.requireDescription, isBlank(product.description) {
                    violation(
                        "product '\(product.qualifiedName)' has no description", at: product.location,
                        rule: "require_description", fix: "add `description: …` to the product")
                }
                let outsideReaders = product.access.readers.map { $0.contains { $0 != domain.name } } ?? true
                for column in product.contract.columns {
                    if settings.requireDescription, isBlank(column.description) {
                        violation(
                            "column '\(column.name)' of product '\(product.qualifiedName)' has no description",
                            at: column.location,
                            rule: "require_description", fix: "add `description: …` to the column")
                    }
                    if settings.requireClassification, column.classification == nil {
                        violation(
                            "column '\(column.name)' of product '\(product.qualifiedName)' has no classification",
                            at: column.location,
                            rule: "require_classification",
                            fix: "add `classification: public|internal|confidential|pii` to the column")
                    }
                    if settings.piiRequiresMask, column.classification == .pii, outsideReaders,
                        product.access.mask(for: column.name) == nil
                    {
                        violation(
                            "pii column '\(column.name)' of product '\(product.qualifiedName)' has no mask for readers outside domain '\(domain.name)'",
                            at: column.location, rule: "pii_requires_mask",
                            fix:
                                "add `access: {masks: {\(column.name): hash}}` (hash, redact, null or partial), or limit access.readers to [\(domain.name)]"
                        )
                    }
                }
            }
        }
        return diagnostics.sortedByLocation()
    }

    private static func isBlank(_ text: String?) -> Bool {
        text?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
    }
}
