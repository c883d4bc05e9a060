import DuckDB
import TesseraCharts
import TesseraModel
import TesseraSQL

/// What `validate` says of each dashboard's charts, without running anything: the SQL binds over
/// the products' contracts (parameters in place), names only products the dashboard's whole
/// audience may read, and returns the columns the encoding names, of types the chart can draw.
enum DashboardValidation {
    static func diagnostics(for project: Project, analyzer: SQLAnalyzer) -> [Diagnostic] {
        let dashboards = project.domains.flatMap(\.dashboards)
        guard !dashboards.isEmpty else { return [] }
        let shapes: ProductShapes
        do { shapes = try ProductShapes(project: project) } catch {
            return [.error("cannot check the dashboards' SQL: \(error)", at: dashboards[0].location)]
        }
        let checker = ChartChecker(project: project, analyzer: analyzer, shapes: shapes)
        return dashboards.flatMap { dashboard in
            dashboard.parameters.flatMap { checker.check($0, of: dashboard) }
                + dashboard.charts.enumerated().flatMap {
                    checker.check($0.element, number: $0.offset + 1, of: dashboard)
                }
        }
    }

    /// Values to bind the SQL with: the defaults, any day standing for today.
    static func sampleValues(_ dashboard: Dashboard) -> [String: DashboardSQL.Value] {
        let today = DateRangeText.Day(year: 2000, month: 1, day: 1)
        var values: [String: DashboardSQL.Value] = [:]
        for parameter in dashboard.parameters {
            switch parameter.kind {
            case .dateRange(let text):
                values[parameter.name] = .dates(DateRangeText.parse(text, today: today) ?? today...today)
            case .category(_, _, let fallback):
                values[parameter.name] = .text(fallback ?? "")
            }
        }
        return values
    }
}

/// The checks of one chart (or a category parameter's query).
struct ChartChecker {
    let project: Project
    let analyzer: SQLAnalyzer
    let shapes: ProductShapes

    func check(_ parameter: DashboardParameter, of dashboard: Dashboard) -> [Diagnostic] {
        guard case .category(let query, let location, _) = parameter.kind else { return [] }
        let subject = "parameter '\(parameter.name)'"
        switch bind(query, at: location, subject: subject, dashboard: dashboard) {
        case .failure(let problems): return problems.diagnostics
        case .success: return []
        }
    }

    func check(_ chart: Chart, number: Int, of dashboard: Dashboard) -> [Diagnostic] {
        let subject = chart.title.isEmpty ? "chart \(number)" : "chart '\(chart.title)'"
        switch bind(chart.sql, at: chart.sqlLocation, subject: subject, dashboard: dashboard) {
        case .failure(let problems): return problems.diagnostics
        case .success(let columns): return encodingProblems(chart, subject: subject, columns: columns)
        }
    }

    /// The SQL with sample parameters, guarded, its products readable by the audience, bound.
    private func bind(_ sql: String, at location: TextLocation, subject: String, dashboard: Dashboard) -> Result<
        [ResultColumn], DiagnosticList
    > {
        let text: String
        switch DashboardSQL.substitute(sql, values: DashboardValidation.sampleValues(dashboard)) {
        case .failure(let problem):
            let at = location.location(ofByteOffset: problem.offset, in: sql)
            return .failure(DiagnosticList([.error("\(subject): \(problem.message)", at: at, hint: problem.hint)]))
        case .success(let substituted): text = substituted
        }
        if let refusal = analyzer.refusals(inQuery: text).first {
            return .failure(DiagnosticList([.error("\(subject): \(refusal.message)", at: location.start)]))
        }
        let problems = audienceProblems(text, subject: subject, dashboard: dashboard, at: location.start)
        if !problems.isEmpty { return .failure(DiagnosticList(problems)) }
        switch shapes.columns(of: text) {
        case .success(let columns): return .success(columns)
        case .failure(let error):
            return .failure(
                DiagnosticList([
                    .error(
                        "\(subject): the SQL does not run over the products' contracts: \(error.message)",
                        at: location.start, hint: "a chart reads products as `tessera query` does: <domain>.<product>")
                ]))
        }
    }

    /// Each product the SQL reads must exist, and the owning domain and every reader of the
    /// dashboard must be allowed to read it.
    private func audienceProblems(_ sql: String, subject: String, dashboard: Dashboard, at location: SourceLocation)
        -> [Diagnostic]
    {
        let policy = ReadPolicy(project: project)
        var problems: [Diagnostic] = []
        for relation in analyzer.analyze(sql: sql, file: location.file).dependencies {
            guard relation.catalog == nil, let schema = relation.schema,
                let product = project.domain(named: schema)?.product(named: relation.name)
            else { continue }
            for viewer in [dashboard.domain] + dashboard.readers {
                guard case .refused = policy.decide(.domain(viewer), reads: product) else { continue }
                problems.append(
                    .error(
                        "\(subject) reads \(product.qualifiedName), which domain \(viewer) (shown this dashboard) may not read",
                        at: location,
                        hint:
                            "remove \(viewer) from the dashboard's readers, or ask domain \(product.domain) to add it to access.readers in \(product.location.file)"
                    ))
            }
        }
        return problems
    }
}

/// Diagnostics as an `Error`, for `Result`.
struct DiagnosticList: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
