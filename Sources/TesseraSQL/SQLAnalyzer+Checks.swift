import TesseraModel

extension SQLAnalyzer {
    /// The guard on every check of the project (products' and models'): a `sql:` check's query
    /// and any check's `where:` may read relations only, as a model may. Located in the YAML file,
    /// inside the text when its layout allows.
    public func checkSQLDiagnostics(for project: Project) -> [Diagnostic] {
        var checks: [Check] = []
        for domain in project.domains {
            checks += domain.products.flatMap(\.checks) + domain.models.flatMap(\.allChecks)
        }
        return checks.flatMap(diagnostics(for:))
    }

    private func diagnostics(for check: Check) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let condition = check.where {
            found += refusals(inCondition: condition).map {
                Self.diagnostic($0, context: "where", text: condition, at: check.whereLocation, check: check)
            }
        }
        if case .sql(let name, let query) = check.kind {
            found += refusals(inCheckQuery: query).map {
                Self.diagnostic($0, context: "sql check '\(name)'", text: query, at: check.queryLocation, check: check)
            }
        }
        return found
    }

    private static func diagnostic(
        _ refusal: SQLRefusal, context: String, text: String, at place: TextLocation?, check: Check
    ) -> Diagnostic {
        let location =
            place.map { place in refusal.offset.map { place.location(ofByteOffset: $0, in: text) } ?? place.start }
            ?? check.location
        return .error("\(context): \(refusal.message)", at: location, hint: refusal.hint.isEmpty ? nil : refusal.hint)
    }
}
