import Foundation
import Hummingbird
import TesseraCore
import TesseraWeb

extension APIServer {
    /// Every route: health and readiness open to all, the rest behind sign-in.
    func router() -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: AccessMiddleware(metrics: metrics, warn: workspace.warn))
        router.get("healthz") { _, _ in try APIJSON.response(["status": "ok"]) }
        router.get("readyz") { _, _ in try await readiness() }
        // The web UI (`/`, `/ui/…`): its own sign-in (sessions), sharing the API's throttle.
        WebUI(
            workspace: workspace, throttle: throttle, secure: configuration.tlsCertificate != nil,
            sessions: configuration.webSessions
        ).addRoutes(to: router)
        let signedIn = router.group().add(
            middleware: SignInMiddleware(workspace: workspace, throttle: throttle, metrics: metrics))
        signedIn.get("metrics") { _, context in try await metricsText(as: context.principal()) }
        let api = signedIn.group("api/v1")
        api.get("openapi.json") { _, _ in OpenAPIDocument.response }
        addCatalogRoutes(to: api)
        addRunRoutes(to: api)
        addQueueRoutes(to: api)
        addBackfillRoutes(to: api)
        api.post("query") { request, context in try await query(request, as: context.principal()) }
        return router
    }

    /// Ready when the project is loaded (it is, or there would be no server) and the catalog
    /// opens and answers.
    func readiness() async throws -> Response {
        do { _ = try await workspace.runs.history(limit: 1) } catch {
            workspace.warn("not ready: the catalog does not answer: \(error.message)")
            throw APIError(
                .serviceUnavailable, code: "not_ready", "the catalog does not answer.",
                hint: "the service's log says why.")
        }
        struct Ready: Encodable {
            var status = "ready"
            var mesh: String
            var environment: String
        }
        return try APIJSON.response(Ready(mesh: workspace.project.mesh.name, environment: workspace.environment))
    }

    func addCatalogRoutes(to api: RouterGroup<APIContext>) {
        api.get("catalog/search") { request, context in
            try await search(APIQuery.values(of: request), as: context.principal())
        }
        api.get("domains") { _, context in
            try APIJSON.response(APIDomainList(domains: try await view(context).domains()))
        }
        api.get("domains/:domain") { _, context in
            try APIJSON.response(try await view(context).show(context.parameters.require("domain")))
        }
        api.get("products") { _, context in
            let assets = try await view(context).assets().filter { $0.id.kind == .product }
            return try APIJSON.response(APIProductList(products: assets.map(APIProductList.Item.init)))
        }
        api.get("products/:domain/:product") { _, context in
            try await productPage(context.parameters.require("domain"), context.parameters.require("product"), context)
        }
        api.get("lineage/:name") { request, context in
            let lineage = try APILineageRequest(
                name: context.parameters.require("name"), query: APIQuery.values(of: request))
            return try APIJSON.response(try view(context).lineage(lineage.request))
        }
    }

    func addRunRoutes(to api: RouterGroup<APIContext>) {
        api.get("runs") { request, context in
            let limit = try APIQuery.integer(APIQuery.values(of: request), "limit", default: 20, range: 1...1000)
            let runs = try await view(context).runs(limit: limit)
            return try APIJSON.response(APIRunList(runs: runs.map(APIRun.init)))
        }
        api.get("runs/:id") { _, context in
            try APIJSON.response(APIRunDetail(try await view(context).run(context.parameters.require("id"))))
        }
        // The lines each node logged: one node's, or (`?node=`, or none) the run's as the caller may see them.
        api.get("runs/:id/nodes/:node/log") { _, context in
            try APIJSON.response(
                try await view(context).nodeLog(
                    run: context.parameters.require("id"), node: context.parameters.require("node")))
        }
        api.get("runs/:id/log") { request, context in
            try APIJSON.response(
                try await view(context).nodeLog(
                    run: context.parameters.require("id"), node: APIQuery.values(of: request)["node"]))
        }
    }

    func view(_ context: APIContext) throws -> CatalogView {
        workspace.catalogView(as: try context.principal())
    }

    func search(_ query: [String: String], as principal: Principal) async throws -> Response {
        let text = query["q"] ?? ""
        let parsed: CatalogQuery
        do { parsed = try CatalogQuery(parsing: text) } catch {
            throw APIError.badRequest("q: \(error.message).", hint: error.hint)
        }
        guard !parsed.isEmpty else {
            throw APIError.badRequest(
                "nothing to search for: give `q`.", hint: "e.g. /api/v1/catalog/search?q=revenue%20tag:gold")
        }
        let limit = try APIQuery.integer(query, "limit", default: 20, range: 1...200)
        let hits = try await workspace.catalogView(as: principal).search(parsed, limit: limit)
        return try APIJSON.response(
            APISearchResult(query: text, environment: workspace.environment, hits: hits.map(APISearchResult.Hit.init)))
    }

    func productPage(_ domain: String, _ product: String, _ context: APIContext) async throws -> Response {
        let view = try view(context)
        let name = "\(domain).\(product)"
        let report = try await view.show(name)
        guard report.kind == "product" else {
            throw APIError(.notFound, code: "not_found", "'\(name)' is a \(report.kind), not a product.")
        }
        let history = try await view.history(of: name, limit: 20)
        return try APIJSON.response(APIProductPage(report: report, versions: history.versions))
    }
}
