import Foundation
import TesseraModel
import TesseraTransform

/// A domain left out of what a command does, because it has errors or reads a domain that has.
public struct SkippedDomain: Sendable, Hashable {
    public var name: String
    /// Why, in a few words: its errors, or the product it reads from a skipped domain.
    public var reason: String
    /// The domain's own errors (none when it is skipped only for what it reads).
    public var diagnostics: [Diagnostic]
}

/// One broken domain never stops the others: the domains with errors, and those that read their
/// products, are set aside; every other domain plans, runs, publishes and answers queries.
extension ValidatedProject {
    /// The healthy part of the project and the domains left out; nil when errors do not belong to
    /// a domain (tessera.yaml) or no domain is left.
    func isolatingBrokenDomains() throws(CoreError) -> (healthy: ValidatedProject, skipped: [SkippedDomain])? {
        guard let project, let mesh, !errors.isEmpty else { return nil }
        var skipped: [String: SkippedDomain] = [:]
        var current = self
        // Each pass may reveal readers of what the previous one set aside; a domain is set aside
        // at most once, so there are at most as many passes as domains.
        for _ in 0...project.domains.count {
            guard let broken = Self.byDomain(current.errors, in: project) else { return nil }
            for (domain, diagnostics) in broken where skipped[domain] == nil {
                let count = diagnostics.count
                skipped[domain] = SkippedDomain(
                    name: domain, reason: "\(count) error\(count == 1 ? "" : "s")", diagnostics: diagnostics)
            }
            Self.addReaders(of: &skipped, graph: mesh.graph)
            let kept = project.domains.filter { skipped[$0.name] == nil }
            guard !kept.isEmpty else { return nil }
            let subset = Project(root: project.root, mesh: project.mesh, domains: kept)
            let keptNames = Set(kept.map(\.name))
            current = try Self.analyze(
                subset,
                loadDiagnostics: loadDiagnostics.filter {
                    Self.domain(of: $0.location.file).map(keptNames.contains) ?? true
                })
            if current.errors.isEmpty {
                current.setAsideDashboards = project.domains.filter { skipped[$0.name] != nil }.flatMap(\.dashboards)
                return (current, skipped.values.sorted { $0.name < $1.name })
            }
        }
        return nil
    }

    /// Errors grouped by the domain whose files hold them; nil when one is outside every domain.
    private static func byDomain(_ errors: [Diagnostic], in project: Project) -> [String: [Diagnostic]]? {
        var grouped: [String: [Diagnostic]] = [:]
        for error in errors {
            guard let domain = domain(of: error.location.file), project.domain(named: domain) != nil else { return nil }
            grouped[domain, default: []].append(error)
        }
        return grouped
    }

    /// `domains/<domain>` and `domains/<domain>/…` → `<domain>`.
    static func domain(of file: String) -> String? {
        let parts = file.split(separator: "/")
        guard parts.count >= 2, parts[0] == "domains" else { return nil }
        return String(parts[1])
    }

    /// Sets aside, transitively, every domain with a node that reads a node of a skipped domain.
    private static func addReaders(of skipped: inout [String: SkippedDomain], graph: MeshGraph) {
        var changed = true
        while changed {
            changed = false
            for node in graph.allNodes where skipped[node.domain] == nil {
                guard let input = graph.upstream(of: node).first(where: { skipped[$0.domain] != nil }) else { continue }
                skipped[node.domain] = SkippedDomain(
                    name: node.domain, reason: "reads \(input.displayName) of skipped domain '\(input.domain)'",
                    diagnostics: [])
                changed = true
            }
        }
    }
}
