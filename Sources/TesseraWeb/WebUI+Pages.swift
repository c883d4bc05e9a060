import Foundation
import Hummingbird
import TesseraCore
import TesseraModel

/// The pages' handlers: each reads through the core as the signed-in principal (`CatalogView`,
/// `Queries`) and hands the answer to its page to render.
extension WebUI {
    /// At most this many products are listed (with freshness and checks) on the home page.
    static let homeProducts = 50

    func home(_ session: WebSession) async throws -> Response {
        let view = workspace.catalogView(as: session.principal)
        let products = try await view.assets().filter { $0.id.kind == .product }
        var lines: [HomePage.ProductLine] = []
        for asset in products.prefix(Self.homeProducts) {
            let report = try await view.show(asset.id.displayName)
            lines.append(
                .init(
                    name: asset.id.displayName, owner: asset.owner, freshness: report.freshness?.status ?? "—",
                    age: report.freshness?.ageSeconds, failedChecks: report.checks?.failed ?? 0,
                    passedChecks: report.checks?.passed ?? 0))
        }
        let page = HomePage(
            domains: try await view.domains(), products: lines,
            moreProducts: max(0, products.count - Self.homeProducts),
            runs: try await view.runs(limit: 8))
        return WebResponses.page(page.render(layout(session, .home)))
    }

    func search(_ request: Request, _ session: WebSession) async throws -> Response {
        let values = WebForm.query(request)
        let asked = SearchPage.Request(values)
        let view = workspace.catalogView(as: session.principal)
        var hits: [CatalogSearchHit] = []
        var problem: String?
        if !asked.queryText.isEmpty {
            do {
                let query = try CatalogQuery(parsing: asked.queryText)
                hits = try await view.search(query, limit: 50)
            } catch let error as CatalogQuery.SyntaxError {
                problem = error.message + (error.hint.map { " — \($0)" } ?? "")
            }
        }
        let page = SearchPage(
            request: asked, domains: try await view.domains().map(\.name), hits: hits, problem: problem)
        if values["partial"] == "1" { return WebResponses.page(page.results()) }
        return WebResponses.page(page.render(layout(session, .search)))
    }

    func domainPage(_ name: String, _ session: WebSession) async throws -> Response {
        let view = workspace.catalogView(as: session.principal)
        let report = try await view.show(name)
        guard report.kind == "domain", let domain = workspace.project.domain(named: report.name) else {
            throw CoreError(.notFound, "there is no domain named '\(name)'.", hint: "the home page lists the domains.")
        }
        let assets = try await view.assets().filter { $0.id.domain == domain.name }
        let page = DomainPage(report: report, members: domain.members, assets: assets)
        return WebResponses.page(page.render(layout(session)))
    }

    func productPage(_ domain: String, _ product: String, _ session: WebSession) async throws -> Response {
        let view = workspace.catalogView(as: session.principal)
        let name = "\(domain).\(product)"
        let report = try await view.show(name)
        guard report.kind == "product", let declared = workspace.project.domain(named: domain)?.product(named: product)
        else {
            throw CoreError(.notFound, "the catalog has nothing named '\(name)' that you may see.", hint: nil)
        }
        let decision = ReadPolicy(project: workspace.project).decide(session.principal, reads: declared)
        var sample: Queries.Table?
        var problem: String?
        if report.snapshot != nil {
            do {
                sample = try await workspace.queries.sample(of: declared, as: session.principal, limit: 20)
            } catch {
                problem = "The sample could not be read: \(error.message)"
            }
        } else {
            problem = "Nothing published yet: there are no rows to show."
        }
        let page = ProductPage(
            report: report, history: try await view.history(of: name, limit: 20), decision: decision,
            sample: sample, sampleProblem: problem)
        return WebResponses.page(page.render(layout(session)))
    }

    func checkHistoryPage(_ domain: String, _ product: String, _ session: WebSession) async throws -> Response {
        let history = try await workspace.catalogView(as: session.principal).checkHistory(
            of: "\(domain).\(product)", limit: 12)
        let page = CheckHistoryPage(history: history, domain: domain, product: product)
        return WebResponses.page(page.render(layout(session)))
    }

    /// `?from=SNAPSHOT&to=SNAPSHOT`; without them, the two latest snapshots.
    func comparePage(_ domain: String, _ product: String, _ request: Request, _ session: WebSession) async throws
        -> Response
    {
        let view = workspace.catalogView(as: session.principal)
        let name = "\(domain).\(product)"
        let history = try await view.history(of: name, limit: 50)
        let values = WebForm.query(request)
        guard let to = values["to"] ?? history.versions.first?.snapshot,
            let from = values["from"] ?? history.versions.dropFirst().first?.snapshot
        else {
            throw CoreError(.notFound, "\(name) has fewer than two snapshots to compare.", hint: nil)
        }
        let comparison = try await view.compare(name, from: from, to: to)
        let page = VersionComparePage(comparison: comparison, history: history, domain: domain, product: product)
        return WebResponses.page(page.render(layout(session)))
    }
}
