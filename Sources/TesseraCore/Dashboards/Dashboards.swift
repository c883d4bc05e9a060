import Foundation
import TesseraCharts
import TesseraModel

/// The project's dashboards (`workspace.dashboards`): which a principal may be shown, and one
/// rendered as that principal — each chart's SQL through the same guard, policy and audit as
/// `tessera query`, so readers outside the owning domain see masked values and nothing they may
/// not read; the file says whom it shows and which snapshots its numbers come from.
public struct Dashboards: Sendable {
    let workspace: Workspace
    /// Rows kept per chart: charts show aggregates; a table chart says when there were more.
    public static let rowLimit = 1000

    public struct Summary: Sendable, Hashable {
        /// `<domain>.<name>`.
        public var name: String
        public var title: String
        public var charts: Int
        /// Besides the owning domain.
        public var readers: [String]
        public var file: String
    }

    public enum Format: String, Sendable, CaseIterable {
        case pdf, png, svg
    }

    /// A rendered dashboard: one file (PDF, SVG) or one image per page (PNG).
    public struct Rendered: Sendable {
        public var files: [Data]
        public var pages: Int
        public var viewer: String
        /// `<product>@<snapshot id>`, sorted.
        public var snapshots: [String]
        /// `name = value` of each parameter used.
        public var parameters: [String]
    }

    /// The dashboards `principal` may be shown, by name.
    public func list(as principal: Principal) -> [Summary] {
        let policy = ReadPolicy(project: workspace.project)
        return workspace.project.domains.flatMap(\.dashboards).filter { policy.mayView(principal, $0) }.map {
            Summary(
                name: $0.qualifiedName, title: $0.title, charts: $0.charts.count, readers: $0.readers,
                file: $0.location.file)
        }.sorted { $0.name < $1.name }
    }

    /// `name` is `<domain>.<name>`, or the bare name when only one domain has a dashboard of it.
    public func dashboard(named name: String, as principal: Principal) throws(CoreError) -> Dashboard {
        let all = workspace.project.domains.flatMap(\.dashboards)
        let matches = all.filter { $0.qualifiedName == name || (!name.contains(".") && $0.name == name) }
        guard matches.count == 1, let dashboard = matches.first else {
            let names = list(as: principal).map(\.name)
            throw CoreError(
                .notFound,
                matches.isEmpty ? "no dashboard named '\(name)'." : "'\(name)' names dashboards in several domains.",
                hint: names.isEmpty
                    ? "dashboards are domains/<domain>/dashboards/<name>.yaml"
                    : "name one of: \(names.joined(separator: ", "))")
        }
        guard ReadPolicy(project: workspace.project).mayView(principal, dashboard) else {
            throw CoreError(
                .forbidden,
                "\(principal) may not be shown dashboard \(dashboard.qualifiedName): it is shown to domain \(([dashboard.domain] + dashboard.readers).joined(separator: ", domain "))",
                hint: "domain \(dashboard.domain) decides: `readers:` in \(dashboard.location.file)")
        }
        return dashboard
    }
}
