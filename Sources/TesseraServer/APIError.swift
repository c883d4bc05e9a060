import Foundation
import Hummingbird
import TesseraCore

/// Every error the API answers with, in one shape:
/// `{"error": {"code": "token_expired", "message": "…", "hint": "…"}}` — a stable `code` for
/// programs, a `message` saying what is wrong, and, when there is one, a `hint` saying what to do.
/// Nothing in it repeats a token, and no stack trace ever reaches it.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var hint: String?
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    var headers: HTTPFields = [:]

    init(
        _ status: HTTPResponse.Status, code: String, _ message: String, hint: String? = nil, headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        self.headers = headers
    }

    /// The core's error, its status from its kind alone (as the CLI's exit status is).
    init(_ error: CoreError) {
        switch error.kind {
        case .usage: self.init(.badRequest, code: "bad_request", error.message, hint: error.hint)
        case .forbidden: self.init(.forbidden, code: "forbidden", error.message, hint: error.hint)
        case .notFound: self.init(.notFound, code: "not_found", error.message, hint: error.hint)
        case .internalError:
            self.init(
                .internalServerError, code: "internal_error", error.message,
                hint: error.hint ?? "the server's log has more; this may be a bug in Tessera.")
        }
    }

    /// A bearer token that signed no one in: 401, with the failure's own code.
    init(_ failure: SignInFailure) {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"tessera\""
        self.init(
            .unauthorized, code: failure.code, failure.description,
            hint:
                "create a token with `tessera token create --principal <name>` and send it as `Authorization: Bearer <token>`.",
            headers: headers)
    }

    static func badRequest(_ message: String, hint: String? = nil) -> APIError {
        APIError(.badRequest, code: "bad_request", message, hint: hint)
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var hint: String?
        }
        var error: Detail
    }

    var response: Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = Body(error: .init(code: code, message: message, hint: hint))
        let data =
            (try? APIJSON.encoder.encode(body)) ?? Data(#"{"error":{"code":"internal_error","message":"?"}}"#.utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// How every JSON answer is encoded: camelCase keys as the core's report types declare them,
/// sorted, so that the same answer is the same bytes.
enum APIJSON {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw APIError(.internalServerError, code: "internal_error", "cannot encode the answer: \(error)")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
