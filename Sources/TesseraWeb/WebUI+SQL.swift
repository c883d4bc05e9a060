import Foundation
import Hummingbird
import Synchronization
import TesseraCore

/// The SQL lab's handlers. Running a query is a POST with the session's CSRF token (a query is
/// audited: no other site may make a viewer run one); the core checks what the viewer may read,
/// applies masks and audits.
extension WebUI {
    /// The largest CSV the UI hands out; bigger results go through the API's streamed query.
    static let maximumCSVBytes = 64 << 20

    func sqlLab(_ session: WebSession) -> Response {
        WebResponses.page(SQLLabPage(csrf: session.csrfToken).render(layout(session, .sql)))
    }

    func runSQL(_ request: Request, _ session: WebSession) async throws -> Response {
        let form = try await WebForm.body(request)
        guard session.accepts(csrfToken: form["csrf"]) else { return Self.csrfRefusal() }
        var page = SQLLabPage(csrf: session.csrfToken, sql: form["sql"] ?? "")
        page.offset = max(0, Int(form["offset"] ?? "") ?? 0)
        page.chartChoice = form.filter { ["chart", "x"].contains($0.key) || ResultChart.ySlots.contains($0.key) }
        let body = page.sql.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
        if !body.isEmpty {
            // The user's text on lines of its own: a trailing `-- comment` cannot swallow the offset.
            let paged = page.offset == 0 ? body : "select * from (\n\(body)\n) offset \(page.offset)"
            do {
                page.table = try await workspace.queries.table(paged, as: session.principal, limit: SQLLabPage.pageSize)
            } catch {
                page.problem = error.message + (error.hint.map { " — \($0)" } ?? "")
            }
        }
        let status: HTTPResponse.Status = page.problem == nil ? .ok : .badRequest
        return WebResponses.page(page.render(layout(session, .sql)), status: status)
    }

    func downloadCSV(_ request: Request, _ session: WebSession) async throws -> Response {
        let form = try await WebForm.body(request)
        guard session.accepts(csrfToken: form["csrf"]) else { return Self.csrfRefusal() }
        let buffer = CSVBuffer(limit: Self.maximumCSVBytes)
        do {
            _ = try await workspace.queries.stream(form["sql"] ?? "", as: session.principal, format: .csv) {
                try buffer.append($0)
            }
        } catch {
            var page = SQLLabPage(csrf: session.csrfToken, sql: form["sql"] ?? "")
            page.problem = error.message + (error.hint.map { " — \($0)" } ?? "")
            return WebResponses.page(page.render(layout(session, .sql)), status: .badRequest)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"query.csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer.data)))
    }
}

/// The CSV a query writes, collected up to a limit (past it the query stops with a message).
final class CSVBuffer: Sendable {
    private let collected = Mutex(Data())
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ piece: Data) throws {
        try collected.withLock { data in
            guard data.count + piece.count <= limit else { throw CSVTooLarge(limit: limit) }
            data.append(piece)
        }
    }

    var data: Data { collected.withLock { $0 } }
}

struct CSVTooLarge: Error, CustomStringConvertible {
    let limit: Int
    var description: String {
        "the result is over \(limit >> 20) MiB: narrow the query, or stream it with POST /api/v1/query"
    }
}

extension WebUI {
    /// The audit log, for mesh admins (the core refuses anyone else: a 403 page).
    func auditPage(_ request: Request, _ session: WebSession) async throws -> Response {
        let action = WebForm.query(request)["action"] ?? ""
        let entries = try await workspace.audit.entries(
            limit: 200, action: action.isEmpty ? nil : action, as: session.principal)
        let page = AuditPage(entries: entries, action: action, verification: try await workspace.audit.verify())
        return WebResponses.page(page.render(layout(session, .audit)))
    }
}
