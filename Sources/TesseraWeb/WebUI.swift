import Foundation
import Hummingbird
import TesseraCore
import TesseraModel

/// What the UI needs of a request's context: the client's address (the sign-in throttle's key and
/// the audit log's `client`).
public protocol WebRequestContext: RequestContext {
    var peer: String { get }
}

/// The web UI of `tessera serve`, under `/ui/`: pages rendered on the server from the core, as the
/// signed-in principal, so a page shows exactly what the API would give that principal — masked
/// values, no trace of products it may not read. Nothing here decides who sees what.
public struct WebUI: Sendable {
    public let workspace: Workspace
    let throttle: SignInThrottle
    /// Whether cookies are marked Secure (the service speaks TLS).
    let secure: Bool
    let sessions: WebSessions

    public init(
        workspace: Workspace, throttle: SignInThrottle, secure: Bool,
        sessions settings: WebSessionSettings = WebSessionSettings()
    ) {
        self.workspace = workspace
        self.throttle = throttle
        self.secure = secure
        self.sessions = workspace.webSessions(settings)
    }

    /// Adds `/` (to the home page) and every `/ui/…` route to `router`.
    public func addRoutes<Context: WebRequestContext>(to router: Router<Context>) {
        router.get("/") { _, _ in WebResponses.redirect(to: WebPaths.root) }
        let ui = router.group("ui").add(middleware: WebSecurityHeaders<Context>())
        ui.get("assets/:name") { request, context in
            WebAssets.response(Self.parameter("name", of: context), request: request)
        }
        ui.get("sign-in") { request, _ in signInForm(next: WebForm.query(request)["next"]) }
        ui.post("sign-in") { request, context in try await signIn(request, peer: context.peer) }
        ui.post("sign-out") { request, context in try await signOut(request, peer: context.peer) }
        ui.get("/") { request, _ in try await page(request) { try await home($0) } }
        ui.get("search") { request, _ in try await page(request) { try await search(request, $0) } }
        ui.get("domains/:domain") { request, context in
            let domain = Self.parameter("domain", of: context)
            return try await page(request) { try await domainPage(domain, $0) }
        }
        ui.get("lineage") { request, _ in try await page(request) { try await lineagePage(nil, request, $0) } }
        ui.get("lineage/:name") { request, context in
            let name = Self.parameter("name", of: context)
            return try await page(request) { try await lineagePage(name, request, $0) }
        }
        ui.get("runs") { request, _ in try await page(request) { try await runsPage(request, $0) } }
        ui.post("runs") { request, _ in try await page(request) { try await trigger(request, $0) } }
        ui.get("runs/:id") { request, context in
            let id = Self.parameter("id", of: context)
            return try await page(request) { try await runPage(id, $0) }
        }
        addNodeLogRoute(to: ui)
        ui.post("queue/:id/cancel") { request, context in
            let id = Self.parameter("id", of: context)
            return try await page(request) { try await cancel(id, request, $0) }
        }
        ui.get("sql") { request, _ in try await page(request) { sqlLab($0) } }
        ui.post("sql") { request, _ in try await page(request) { try await runSQL(request, $0) } }
        ui.post("sql/csv") { request, _ in try await page(request) { try await downloadCSV(request, $0) } }
        ui.get("dashboards") { request, _ in try await page(request) { try await dashboardsPage($0) } }
        ui.get("dashboards/:name") { request, context in
            let name = Self.parameter("name", of: context)
            return try await page(request) { try await dashboardPage(name, request, $0) }
        }
        ui.get("dashboards/:name/:format") { request, context in
            let (name, format) = (Self.parameter("name", of: context), Self.parameter("format", of: context))
            return try await page(request) { try await dashboardFile(name, format, request, $0) }
        }
        ui.get("automation") { request, _ in try await page(request) { try await automationPage($0) } }
        ui.get("audit") { request, _ in try await page(request) { try await auditPage(request, $0) } }
        ui.get("products/:domain/:product") { request, context in
            let (domain, product) = (Self.parameter("domain", of: context), Self.parameter("product", of: context))
            return try await page(request) { try await productPage(domain, product, $0) }
        }
        ui.get("products/:domain/:product/checks") { request, context in
            let (domain, product) = (Self.parameter("domain", of: context), Self.parameter("product", of: context))
            return try await page(request) { try await checkHistoryPage(domain, product, $0) }
        }
        ui.get("products/:domain/:product/compare") { request, context in
            let (domain, product) = (Self.parameter("domain", of: context), Self.parameter("product", of: context))
            return try await page(request) { try await comparePage(domain, product, request, $0) }
        }
    }

    /// Runs a page for the signed-in session, or sends the browser to sign in first. A core error
    /// becomes a page that says what is wrong (a 500 says only that the log has the reason).
    func page(_ request: Request, _ render: (WebSession) async throws -> Response) async throws -> Response {
        guard let session = try await currentSession(request) else {
            return WebResponses.redirect(to: WebPaths.signIn(next: request.uri.description))
        }
        do { return try await render(session) } catch let error as CoreError {
            return errorPage(error, session: session)
        }
    }

    /// A path parameter, percent-decoded.
    static func parameter(_ name: String, of context: some RequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    func currentSession(_ request: Request) async throws -> WebSession? {
        try await sessions.session(cookie: request.cookies[WebResponses.sessionCookie]?.value)
    }

    func layout(_ session: WebSession, _ section: PageLayout.Section = .none) -> PageLayout {
        PageLayout(
            mesh: workspace.project.mesh.name,
            viewer: .init(
                name: session.principal.webName, csrfToken: session.csrfToken,
                isAdmin: workspace.audit.isReadable(by: session.principal)),
            section: section)
    }

    func errorPage(_ error: CoreError, session: WebSession) -> Response {
        let (status, title, message): (HTTPResponse.Status, String, String) =
            switch error.kind {
            case .notFound: (.notFound, "Not found", error.message)
            case .forbidden: (.forbidden, "Not allowed", error.message)
            case .usage: (.badRequest, "Cannot show this", error.message)
            case .internalError: (.internalServerError, "Something failed", "the server could not show this page.")
            }
        if error.kind == .internalError { workspace.warn("web UI: \(error.message)") }
        let hint = error.kind == .internalError ? "The service's log says why." : error.hint
        let html = layout(session).render(title: title) {
            el("h1") { title }
            el("p", ["class": "error", "role": "alert"]) { Widgets.sentence(message) }
            if let hint { el("p") { Widgets.sentence(hint) } }
            el("p") { el("a", ["href": WebPaths.root]) { "Back to the home page" } }
        }
        return WebResponses.page(html, status: status)
    }
}
