import TesseraModel

/// Validation rules for a source's connector that need the connector's own knowledge (the HTTP
/// paginator's settings), applied by `tessera validate` so that a typo is found before any load.
public enum ConnectorRules {
    public static func diagnostics(for project: Project) -> [Diagnostic] {
        project.domains.flatMap(\.sources).compactMap { source -> Diagnostic? in
            guard case .http(let connector) = source.connector else { return nil }
            let extractor = HTTPExtractor(
                connector: connector, source: "\(source.domain).\(source.name)", sourceFile: source.location.file)
            do {
                try extractor.validate()
                return nil
            } catch let error as HTTPExtractError {
                return error.diagnostic
            } catch {
                return nil
            }
        }
    }
}
