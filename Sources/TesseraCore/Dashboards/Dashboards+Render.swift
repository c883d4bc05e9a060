import Foundation
import TesseraCharts
import TesseraModel

extension Dashboards {
    /// Runs every chart as `principal` and draws the dashboard in `format` on `paper`.
    /// `parameters`: values by name (a date range as `last_<N>_days` or `<start>..<end>`).
    public func render(
        _ name: String, as principal: Principal, parameters: [String: String], format: Format, paper: Paper,
        now: Date = Date()
    ) async throws(CoreError) -> Rendered {
        let dashboard = try dashboard(named: name, as: principal)
        let values = try await resolve(parameters, of: dashboard, as: principal, now: now)
        var sqlTexts: [String] = []
        for chart in dashboard.charts { sqlTexts.append(try substituted(chart.sql, values.values, chart: chart)) }
        let results = await workspace.queries.typedTables(sqlTexts, as: principal, limit: Self.rowLimit)
        let entries = zip(dashboard.charts, results).map { chart, result in
            DashboardDocument.Entry(chart: chart, outcome: outcome(result, as: principal))
        }
        let snapshots = try await snapshotIDs(read: sqlTexts, as: principal)
        let document = DashboardDocument(
            title: dashboard.title, description: dashboard.description, parameters: values.lines,
            viewer: principal.description, snapshots: snapshots, renderedAt: Timestamps.text(now) + " UTC",
            columns: dashboard.columns, entries: entries)
        let scene = DashboardLayout.scene(document, paper: paper)
        return Rendered(
            files: try files(scene, format), pages: scene.pages.count, viewer: principal.description,
            snapshots: snapshots, parameters: values.lines)
    }

    private func files(_ scene: Scene, _ format: Format) throws(CoreError) -> [Data] {
        do {
            switch format {
            case .pdf: return [try CairoWriter.pdf(scene)]
            case .png: return try CairoWriter.png(scene)
            case .svg: return [Data(SVGWriter.svg(scene).utf8)]
            }
        } catch {
            throw CoreError(.internalError, "cannot draw the dashboard: \(error)")
        }
    }

    private func substituted(_ sql: String, _ values: [String: DashboardSQL.Value], chart: Chart) throws(CoreError)
        -> String
    {
        switch DashboardSQL.substitute(sql, values: values) {
        case .success(let text): return text
        case .failure(let problem):
            let at = chart.sqlLocation.location(ofByteOffset: problem.offset, in: sql)
            throw CoreError(.usage, "\(at): \(problem.message)", hint: problem.hint)
        }
    }

    /// The chart's rows as the principal reads them, or why there are none: a product it may
    /// not read shows as a notice naming nothing of its data.
    private func outcome(_ result: Result<Queries.TypedTable, CoreError>, as principal: Principal) -> ChartOutcome {
        switch result {
        case .success(let typed): return .data(ChartRows.table(typed))
        case .failure(let error) where error.kind == .forbidden:
            return .notice("Not shown: \(principal) may not read what this chart reads.")
        case .failure(let error):
            workspace.warn("a chart failed: \(error.message)")
            return .notice("The chart's query failed: \(error.message)")
        }
    }

    /// The current snapshot of each product the charts read (and the principal may read), read
    /// right after the charts ran (a publish during the render is not detected).
    private func snapshotIDs(read sqlTexts: [String], as principal: Principal) async throws(CoreError) -> [String] {
        let analyzer = try QueryGuard.analyzer()
        let policy = ReadPolicy(project: workspace.project)
        var products: Set<String> = []
        for sql in sqlTexts {
            for relation in analyzer.analyze(sql: sql, file: "<chart>").dependencies {
                guard relation.catalog == nil, let schema = relation.schema,
                    let product = workspace.project.domain(named: schema)?.product(named: relation.name),
                    policy.decide(principal, reads: product).isReadable
                else { continue }
                products.insert(product.qualifiedName)
            }
        }
        let catalog = try workspace.catalog()
        var ids: [String] = []
        for product in products.sorted() {
            do {
                if let snapshot = try await catalog.currentSnapshot(product: product) {
                    // An id names its product already (`sales.orders@…`); others get the product in front.
                    ids.append(snapshot.id.hasPrefix(product) ? snapshot.id : "\(product)@\(snapshot.id)")
                }
            } catch {
                throw CoreError(.internalError, "cannot read the catalog: \(error)")
            }
        }
        return ids
    }
}
