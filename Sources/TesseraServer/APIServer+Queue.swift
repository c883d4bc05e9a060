import Foundation
import Hummingbird
import TesseraCore

/// `POST /api/v1/runs` with `{"select": ["sales.orders+"], "exclude": [], "fullRefresh": false,
/// "idempotencyKey": "…", "reason": "…"}`.
struct APIRunRequest: Decodable {
    var select: [String]?
    var exclude: [String]?
    var fullRefresh: Bool?
    var idempotencyKey: String?
    var reason: String?
}

/// A run in the service's queue, with the nodes of it the caller may see.
struct APIQueuedRun: Encodable {
    var id: String
    var state: String
    var cancelRequested: Bool
    var trigger: String
    var reason: String
    var requestedBy: String
    var selection: String
    var idempotencyKey: String?
    var enqueuedAt: String
    var startedAt: String?
    var finishedAt: String?
    var attempt: Int
    var runId: String?
    var domains: [String]
    var nodes: [String]

    init(_ run: QueuedRun, visibility: Visibility) {
        id = run.id
        state = run.state.rawValue
        cancelRequested = run.cancelRequested
        trigger = run.trigger.rawValue
        reason = run.reason
        requestedBy = run.requestedBy
        selection = run.selection.text
        idempotencyKey = run.idempotencyKey
        enqueuedAt = Timestamps.iso(run.enqueuedAt)
        startedAt = run.startedAt.map(Timestamps.iso)
        finishedAt = run.finishedAt.map(Timestamps.iso)
        attempt = run.attempt
        runId = run.runID
        domains = Set(run.domains).sorted()
        nodes = run.nodes.filter(visibility.sees).map(\.id).sorted()
    }
}

struct APIAutomationStatus: Encodable {
    var nodes: [AutomationStatusDocument]
}

extension APIServer {
    /// Run triggers, the queue, cancellation and automation status: the core decides who may.
    func addQueueRoutes(to api: RouterGroup<APIContext>) {
        api.post("runs") { request, context in try await trigger(request, as: context.principal()) }
        api.get("queue/:id") { _, context in
            let principal = try context.principal()
            let run = try await queued(context.parameters.require("id"), as: principal)
            return try APIJSON.response(APIQueuedRun(run, visibility: workspace.visibility(for: principal)))
        }
        api.post("queue/:id/cancel") { _, context in
            let principal = try context.principal()
            let id = try context.parameters.require("id")
            _ = try await queued(id, as: principal)
            let run = try await workspace.queue.cancel(id, as: principal)
            return try APIJSON.response(APIQueuedRun(run, visibility: workspace.visibility(for: principal)))
        }
        api.get("automation") { request, context in
            let visibility = workspace.visibility(for: try context.principal())
            let name = APIQuery.values(of: request)["name"]
            if let name, !visibility.sees(name: name) {
                throw APIError(.notFound, code: "not_found", "nothing named '\(name)' that you may see.")
            }
            let nodes = try await workspace.automation.status(name).filter { visibility.sees($0.node) }
            return try APIJSON.response(APIAutomationStatus(nodes: nodes.map(AutomationStatusDocument.init)))
        }
    }

    /// A queued run the caller may see: one that writes a domain it belongs to or a node it sees.
    func queued(_ id: String, as principal: Principal) async throws -> QueuedRun {
        let run: QueuedRun
        do throws(CoreError) { run = try await workspace.queue.show(id) } catch {
            guard error.kind == .usage else { throw APIError(error) }
            throw APIError(.notFound, code: "not_found", error.message, hint: "POST /api/v1/runs returns a run's id.")
        }
        let visibility = workspace.visibility(for: principal)
        guard run.nodes.contains(where: visibility.sees) else {
            throw APIError(.notFound, code: "not_found", "no queued run '\(id)' that you may see.")
        }
        return run
    }

    func trigger(_ request: Request, as principal: Principal) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let asked: APIRunRequest
        do { asked = try JSONDecoder().decode(APIRunRequest.self, from: Data(body.readableBytesView)) } catch {
            throw APIError.badRequest(
                "the body must be JSON: {\"select\": [\"sales.orders+\"], \"idempotencyKey\": \"…\"}.",
                hint: "select and exclude take what `tessera run` takes; an empty select runs everything.")
        }
        let queued = try await workspace.queue.enqueue(
            QueueRequest(
                selection: .init(
                    include: asked.select ?? [], exclude: asked.exclude ?? [], fullRefresh: asked.fullRefresh ?? false),
                trigger: .api, reason: asked.reason ?? "asked through the API", requestedBy: "",
                idempotencyKey: asked.idempotencyKey),
            as: principal)
        return try APIJSON.response(
            APIQueuedRun(queued, visibility: workspace.visibility(for: principal)), status: .accepted)
    }
}
