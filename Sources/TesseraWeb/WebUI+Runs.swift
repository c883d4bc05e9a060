import Foundation
import Hummingbird
import TesseraCore
import TesseraModel

/// Runs through the UI: the history and the queue as the viewer may see them, one run's
/// timeline, and triggering and cancelling through the core's queue as the viewer — which refuses
/// anyone who is not an owner or developer of every domain the run writes (a `reader`, another
/// domain's member), and audits every attempt.
extension WebUI {
    func runsPage(_ request: Request, _ session: WebSession, notice: String? = nil, problem: String? = nil)
        async throws -> Response
    {
        let view = workspace.catalogView(as: session.principal)
        let values = WebForm.query(request)
        let page = RunsPage(
            runs: try await view.runs(limit: 30), queue: try await visibleQueue(view.visibility),
            csrf: session.csrfToken, notice: notice ?? values["queued"].map { "Queued run \($0)." },
            problem: problem)
        return WebResponses.page(
            page.render(layout(session, .runs)), status: problem == nil ? .ok : .forbidden)
    }

    /// The queue's latest runs that write a node the viewer may see (as the API shows them).
    func visibleQueue(_ visibility: Visibility) async throws -> [QueuedRun] {
        try await workspace.queue.list(limit: 30).filter { $0.nodes.contains(where: visibility.sees) }
    }

    func runPage(_ id: String, _ session: WebSession) async throws -> Response {
        let detail = try await workspace.catalogView(as: session.principal).run(id)
        return WebResponses.page(RunPage(detail: detail).render(layout(session, .runs)))
    }

    /// `/ui/runs/RUN/nodes/NODE`: one node's log in a run.
    func addNodeLogRoute<Context: WebRequestContext>(to ui: RouterGroup<Context>) {
        ui.get("runs/:id/nodes/:node") { request, context in
            let (id, node) = (Self.parameter("id", of: context), Self.parameter("node", of: context))
            return try await page(request) { try await nodeLogPage(id, node: node, $0) }
        }
    }

    /// One node's log lines, as the viewer may read them (`CatalogView.nodeLog`).
    func nodeLogPage(_ id: String, node: String, _ session: WebSession) async throws -> Response {
        let view = workspace.catalogView(as: session.principal)
        let log = try await view.nodeLog(run: id, node: node)
        let record = try await view.run(log.runId).nodes.first { $0.node == log.node }
        return WebResponses.page(NodeLogPage(log: log, node: record).render(layout(session, .runs)))
    }

    func trigger(_ request: Request, _ session: WebSession) async throws -> Response {
        let form = try await WebForm.body(request)
        guard session.accepts(csrfToken: form["csrf"]) else { return Self.csrfRefusal() }
        let selectors = (form["select"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        let refusal: CoreError
        do {
            let queued = try await workspace.queue.enqueue(
                QueueRequest(
                    selection: .init(include: selectors, exclude: [], fullRefresh: false), trigger: .api,
                    reason: "asked in the web UI", requestedBy: ""),
                as: session.principal)
            return WebResponses.redirect(to: WebPaths.runs + "?queued=\(WebPaths.queryValue(queued.id))")
        } catch {
            refusal = error
        }
        guard refusal.kind == .forbidden || refusal.kind == .usage else { throw refusal }
        return try await runsPage(request, session, problem: refusal.message + (refusal.hint.map { " \($0)" } ?? ""))
    }

    func cancel(_ id: String, _ request: Request, _ session: WebSession) async throws -> Response {
        let form = try await WebForm.body(request)
        guard session.accepts(csrfToken: form["csrf"]) else { return Self.csrfRefusal() }
        let visibility = workspace.visibility(for: session.principal)
        let shown: Result<QueuedRun, CoreError>
        do { shown = .success(try await workspace.queue.show(id)) } catch { shown = .failure(error) }
        if case .failure(let error) = shown, error.kind == .internalError { throw error }
        guard case .success(let run) = shown, run.nodes.contains(where: visibility.sees) else {
            throw CoreError(.notFound, "no queued run '\(id)' that you may see.", hint: nil)
        }
        let outcome: Result<QueuedRun, CoreError>
        do { outcome = .success(try await workspace.queue.cancel(run.id, as: session.principal)) } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let cancelled):
            let word = cancelled.state == .cancelled ? "cancelled" : "asked to stop"
            return try await runsPage(request, session, notice: "Queued run \(run.id) is \(word).")
        case .failure(let error) where error.kind == .forbidden:
            return try await runsPage(request, session, problem: error.message + (error.hint.map { " \($0)" } ?? ""))
        case .failure(let error):
            throw error
        }
    }

    static func csrfRefusal() -> Response {
        WebResponses.plain(
            .forbidden,
            "The form expired or came from elsewhere (its CSRF token is not this session's); reload the page.")
    }

    /// What the service decided for each node the viewer may see at its latest tick, and why.
    func automationPage(_ session: WebSession) async throws -> Response {
        let visibility = workspace.visibility(for: session.principal)
        let nodes = try await workspace.automation.status().filter { visibility.sees($0.node) }
        let page = AutomationPage(nodes: nodes.map(AutomationStatusDocument.init))
        return WebResponses.page(page.render(layout(session, .automation)))
    }
}
