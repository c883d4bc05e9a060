import Foundation
import Hummingbird
import TesseraCore
import TesseraModel

/// `POST /api/v1/backfills` with `{"select": ["shop.daily+"], "exclude": [], "start": "2026-11-01",
/// "end": "2026-11-06", "chunk": "1d", "idempotencyKey": "…", "reason": "…"}`; the key may come
/// in an `Idempotency-Key` header instead.
struct APIBackfillRequest: Decodable {
    var select: [String]?
    var exclude: [String]?
    var start: String?
    var end: String?
    var chunk: String?
    var idempotencyKey: String?
    var reason: String?
}

struct APIBackfillList: Encodable {
    var backfills: [BackfillDocument]
}

extension APIServer {
    /// Backfills: start, list, show, cancel, resume. The core decides who may and runs them.
    func addBackfillRoutes(to api: RouterGroup<APIContext>) {
        api.post("backfills") { request, context in try await startBackfill(request, as: context.principal()) }
        api.get("backfills") { request, context in
            let principal = try context.principal()
            let limit = try APIQuery.integer(APIQuery.values(of: request), "limit", default: 50, range: 1...1000)
            let visibility = workspace.visibility(for: principal)
            let backfills = try await workspace.backfills.list(limit: limit, as: principal)
            return try APIJSON.response(
                APIBackfillList(
                    backfills: backfills.map { BackfillDocument($0, visibility: visibility, withChunks: false) }))
        }
        api.get("backfills/:id") { _, context in
            let principal = try context.principal()
            let backfill = try await workspace.backfills.show(context.parameters.require("id"), as: principal)
            return try backfillResponse(backfill, as: principal)
        }
        api.post("backfills/:id/cancel") { _, context in
            let principal = try context.principal()
            let backfill = try await workspace.backfills.cancel(context.parameters.require("id"), as: principal)
            return try backfillResponse(backfill, as: principal)
        }
        api.post("backfills/:id/resume") { _, context in
            let principal = try context.principal()
            let backfill = try await workspace.backfills.resume(
                context.parameters.require("id"), as: principal, driver: .service)
            return try backfillResponse(backfill, as: principal)
        }
    }

    func backfillResponse(_ backfill: BackfillRecord, as principal: Principal, status: HTTPResponse.Status = .ok)
        throws -> Response
    {
        var response = try APIJSON.response(
            BackfillDocument(backfill, visibility: workspace.visibility(for: principal), withChunks: true),
            status: status)
        if status == .accepted { response.headers[.location] = "/api/v1/backfills/\(backfill.id)" }
        return response
    }

    func startBackfill(_ request: Request, as principal: Principal) async throws -> Response {
        var request = request
        // `Idempotency-Key`: a backfill's key, as the body's `idempotencyKey` gives it.
        let header = request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value
        let body = try await request.collectBody(upTo: 64 * 1024)
        let asked: APIBackfillRequest
        do { asked = try JSONDecoder().decode(APIBackfillRequest.self, from: Data(body.readableBytesView)) } catch {
            throw APIError.badRequest(
                "the body must be JSON: {\"select\": [\"shop.daily+\"], \"start\": \"2026-11-01\", \"end\": \"2026-11-06\", \"chunk\": \"1d\"}.",
                hint: "select and exclude take what `tessera run` takes; start and end are UTC, the end exclusive.")
        }
        guard let start = asked.start, let end = asked.end else {
            throw APIError.badRequest(
                "a backfill needs `start` and `end`.", hint: "e.g. \"start\": \"2026-11-01\", \"end\": \"2026-11-06\".")
        }
        let backfillRequest = BackfillRequest(
            include: asked.select ?? [], exclude: asked.exclude ?? [],
            start: try BackfillChunking.time(start, field: "start"), end: try BackfillChunking.time(end, field: "end"),
            chunk: try asked.chunk.map { text throws(CoreError) in try BackfillChunking.chunk(text) },
            reason: asked.reason ?? "asked through the API", idempotencyKey: header ?? asked.idempotencyKey)
        let backfill = try await workspace.backfills.start(backfillRequest, as: principal, driver: .service)
        return try backfillResponse(backfill, as: principal, status: .accepted)
    }
}
