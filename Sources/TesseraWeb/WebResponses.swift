import Foundation
import Hummingbird

/// How the UI's answers are made: HTML pages that are never cached, redirects after a form
/// (303, so a reload does not post again), and the session cookie's attributes.
enum WebResponses {
    static let sessionCookie = "tessera_session"
    /// The sign-in form's CSRF cookie (double-submit: the form carries the same value).
    static let signInCookie = "tessera_signin"

    static func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// HttpOnly, SameSite=Lax, Path=/, Secure when served over TLS; `maxAge` 0 deletes it.
    static func cookie(_ name: String, _ value: String, maxAge: Int?, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// The security headers every response of the UI carries: a strict Content-Security-Policy (only
/// this server's own styles and scripts, no inline script, no framing), no MIME sniffing, no
/// framing, and no referrer sent to other sites.
struct WebSecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}

/// An `application/x-www-form-urlencoded` body or query string as name → value (the last of a
/// repeated name wins).
enum WebForm {
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }

    static func query(_ request: Request) -> [String: String] { parse(request.uri.query ?? "") }

    /// A form's fields; at most 64 KiB of body is read.
    static func body(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        return parse(String(buffer: buffer))
    }
}
