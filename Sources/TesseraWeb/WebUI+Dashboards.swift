import Foundation
import Hummingbird
import TesseraCore
import TesseraModel

/// The dashboards' handlers: the list and a dashboard's page read what the viewer may be shown;
/// the drawing itself (SVG for the page, PDF and PNG to download) is the core's, run as the viewer.
extension WebUI {
    func dashboardsPage(_ session: WebSession) async throws -> Response {
        let page = DashboardListPage(dashboards: workspace.dashboards.list(as: session.principal))
        return WebResponses.page(page.render(layout(session, .dashboards)))
    }

    func dashboardPage(_ name: String, _ request: Request, _ session: WebSession) async throws -> Response {
        let dashboard = try shownDashboard(name, to: session.principal)
        let page = DashboardPage(dashboard: dashboard, given: parameters(of: dashboard, in: request))
        return WebResponses.page(page.render(layout(session, .dashboards)))
    }

    /// `format`: `svg` (shown in the page), `pdf` or `png` (downloaded; the first page of a PNG).
    func dashboardFile(_ name: String, _ format: String, _ request: Request, _ session: WebSession) async throws
        -> Response
    {
        guard let kind = Dashboards.Format(rawValue: format) else {
            throw CoreError(.notFound, "a dashboard is drawn as svg, pdf or png, not '\(format)'.", hint: nil)
        }
        let dashboard = try shownDashboard(name, to: session.principal)
        let rendered = try await workspace.dashboards.render(
            dashboard.qualifiedName, as: session.principal, parameters: parameters(of: dashboard, in: request),
            format: kind, paper: .a4)
        var headers = HTTPFields()
        headers[.contentType] = ["svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"][format]
        headers[.cacheControl] = "no-store"
        if kind != .svg {
            headers[.contentDisposition] = "attachment; filename=\"\(dashboard.name).\(format)\""
        }
        let body = rendered.files.first ?? Data()
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The dashboard named `name` when the viewer may be shown it; otherwise not found, as for a
    /// name that does not exist (the list never names it either).
    private func shownDashboard(_ name: String, to principal: Principal) throws(CoreError) -> Dashboard {
        do throws(CoreError) {
            return try workspace.dashboards.dashboard(named: name, as: principal)
        } catch {
            guard error.kind == .forbidden else { throw error }
            throw CoreError(.notFound, "there is no dashboard named '\(name)' that you may see.", hint: nil)
        }
    }

    /// The request's values of the dashboard's own parameters; empty ones take the defaults.
    private func parameters(of dashboard: Dashboard, in request: Request) -> [String: String] {
        let values = WebForm.query(request)
        var given: [String: String] = [:]
        for parameter in dashboard.parameters {
            if let value = values[parameter.name], !value.isEmpty { given[parameter.name] = value }
        }
        return given
    }
}
