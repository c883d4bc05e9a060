import FlyingFox
import Foundation

/// An API serving the fixture records under every pagination kind, plus endpoints that fail in
/// scripted ways. Each test starts its own server, so the failure counters never leak between tests.
extension FixtureServer {
    /// 23 records; `amount` and `big` are numbers JSONSerialization would rewrite
    /// (1.10 → 1.1, 12345678901234567890 → a double), to prove bodies are written untouched.
    static let recordCount = 23

    static func start() async throws -> FixtureServer {
        try await start(FixtureAPI.respond)
    }

    /// `{"id":7,"amount":1.10,"big":12345678901234567890,"name":"r7"}` …
    static func record(_ id: Int) -> String {
        #"{"id":\#(id),"amount":1.10,"big":12345678901234567890,"name":"r\#(id)"}"#
    }

    static func records(_ range: Range<Int>) -> String {
        "[" + range.map(record).joined(separator: ",") + "]"
    }
}

enum FixtureAPI {
    private static var total: Int { FixtureServer.recordCount }

    @Sendable static func respond(_ request: FixtureServer.Request) async throws -> HTTPResponse {
        let query = request.query, headers = request.headers, body = request.body, hit = request.hit

        func int(_ name: String, _ fallback: Int) -> Int { query[name].flatMap(Int.init) ?? fallback }
        func json(_ text: String, status: HTTPStatusCode = .ok, headers: [HTTPHeader: String] = [:]) -> HTTPResponse {
            var all = headers
            all[.contentType] = "application/json"
            return HTTPResponse(statusCode: status, headers: HTTPHeaders(all), body: Data(text.utf8))
        }

        switch request.path {
        case "/page":
            // 1-based pages; `per_page` defaults to 10; `meta.total_pages` for total_path.
            let page = int("page", 1), size = int("per_page", 10)
            let start = min((page - 1) * size, total), end = min(page * size, total)
            let pages = (total + size - 1) / size
            return json(
                #"{"data":\#(FixtureServer.records(start..<end)),"meta":{"page":\#(page),"total_pages":\#(pages)}}"#)
        case "/offset":
            let offset = int("offset", 0), limit = int("limit", 10)
            let start = min(offset, total), end = min(offset + limit, total)
            return json(#"{"items":\#(FixtureServer.records(start..<end)),"total":\#(total)}"#)
        case "/cursor":
            // The cursor is the next id, made opaque; the last page has "next": null.
            let start = query["cursor"].flatMap { Int($0.dropFirst(2)) } ?? 0, end = min(start + 10, total)
            let next = end < total ? #""id\#(end)""# : "null"
            return json(#"{"data":\#(FixtureServer.records(start..<end)),"paging":{"next":\#(next)}}"#)
        case "/link":
            let page = int("page", 1), start = min((page - 1) * 10, total), end = min(page * 10, total)
            let links: [HTTPHeader: String] =
                end < total
                ? [HTTPHeader("Link"): #"</link?page=\#(page + 1)>; rel="next", </link?page=1>; rel="first""#] : [:]
            return json(FixtureServer.records(start..<end), headers: links)
        case "/rate-limited":
            // 429 with Retry-After: 1 twice, then the records.
            if hit <= 2 {
                return json(
                    #"{"error":"slow down"}"#, status: .tooManyRequests, headers: [HTTPHeader("Retry-After"): "1"])
            }
            return json(#"{"data":\#(FixtureServer.records(0..<3))}"#)
        case "/flaky":
            if hit <= 2 { return json(#"{"error":"boom"}"#, status: .internalServerError) }
            return json(#"{"data":\#(FixtureServer.records(0..<3))}"#)
        case "/down":
            return json(#"{"error":"down"}"#, status: .serviceUnavailable)
        case "/retry-date":
            if hit == 1 {
                return json(
                    "{}", status: .serviceUnavailable,
                    headers: [HTTPHeader("Retry-After"): "Wed, 21 Oct 2015 07:28:05 GMT"])
            }
            return json(#"{"data":[]}"#)
        case "/private":
            // 401 unless the right token comes; the body echoes what it got, as some APIs do.
            let token = headers["authorization"] ?? query["token"] ?? ""
            if token == "Bearer good" { return json(#"{"data":\#(FixtureServer.records(0..<2))}"#) }
            return json(#"{"error":"invalid token '\#(token)'"}"#, status: .unauthorized)
        case "/malformed":
            return json(#"{"data": [1, 2"#)
        case "/not-array":
            return json(#"{"data": {"id": 1}}"#)
        case "/moved":
            // Same origin: followed.
            return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: "/page?per_page=4"]))
        case "/moved-away":
            // Another origin (a different host name for the same server): not followed.
            let port = headers["host"]?.split(separator: ":").last.map(String.init) ?? ""
            return HTTPResponse(
                statusCode: .found,
                headers: HTTPHeaders([.location: "http://localhost:\(port)/page?token=\(query["token"] ?? "")"]))
        case "/slow":
            try await Task.sleep(for: .seconds(3))
            return json(#"{"data":[]}"#)
        case "/echo":
            let form = String(decoding: body, as: UTF8.self)
            let object: [String: Any] = [
                "method": request.method, "query": query, "body": form,
                "content_type": headers["content-type"] ?? "", "data": [[String: Any]](),
            ]
            return HTTPResponse(
                statusCode: .ok, body: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        default:
            return json(#"{"error":"no such endpoint"}"#, status: .notFound)
        }
    }
}
