import Foundation
import Hummingbird
import TesseraCore

/// `POST /api/v1/query` with `{"sql": "…", "format": "jsonl" | "csv" | "json"}`.
struct APIQueryRequest: Decodable {
    var sql: String
    var format: String?
}

extension APIServer {
    /// The largest query text accepted.
    static let maximumQueryBytes = 1 << 20

    /// Runs the SQL as the caller (the core checks what the caller may read, applies masks and
    /// audits the query) and streams the result as the core writes it. A query the core refuses
    /// or that fails before its first byte is an error answer; a failure after it ends the
    /// response without its last chunk, so that a client never takes a cut result for a whole one.
    func query(_ request: Request, as principal: Principal) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumQueryBytes)
        let asked: APIQueryRequest
        do { asked = try JSONDecoder().decode(APIQueryRequest.self, from: Data(body.readableBytesView)) } catch {
            throw APIError.badRequest(
                "the body must be JSON: {\"sql\": \"select …\", \"format\": \"jsonl\"}.",
                hint: "format is jsonl (the default), csv or json.")
        }
        let (format, contentType) = try Self.format(asked.format)
        let stream = QueryStream()
        let queries = workspace.queries
        Task(executorPreference: QueryExecutor()) {
            do {
                _ = try await queries.stream(asked.sql, as: principal, format: format) { try stream.put($0) }
                stream.finish(nil)
            } catch {
                stream.finish(error)
            }
        }
        let first: Data?
        do { first = try await stream.next() } catch let error as CoreError { throw APIError(error) }
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                do {
                    if let first {
                        try await writer.write(ByteBuffer(bytes: first))
                        stream.written()
                    }
                    while let piece = try await stream.next() {
                        try await writer.write(ByteBuffer(bytes: piece))
                        stream.written()
                    }
                    try await writer.finish(nil)
                } catch {
                    stream.cancel()
                    throw error
                }
            })
    }

    static func format(_ name: String?) throws -> (Queries.Format, String) {
        switch name ?? "jsonl" {
        case "jsonl": (.jsonLines, "application/jsonl; charset=utf-8")
        case "csv": (.csv, "text/csv; charset=utf-8")
        case "json": (.json, "application/json; charset=utf-8")
        case let other: throw APIError.badRequest("format '\(other)': give jsonl, csv or json.")
        }
    }
}
