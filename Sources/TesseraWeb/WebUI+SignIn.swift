import Foundation
import Hummingbird
import TesseraCore

/// Signing in and out. The sign-in form is protected by a double-submit CSRF value (a cookie and
/// a hidden field that must match), failed attempts count against the client's address in the
/// same throttle as the API's bearer tokens, and the session cookie is HttpOnly, SameSite=Lax,
/// Secure under TLS. Signing out needs the session's CSRF token and deletes the session.
extension WebUI {
    func signInForm(next: String?, error: String? = nil, name: String = "", status: HTTPResponse.Status = .ok)
        -> Response
    {
        let csrf = Self.randomToken()
        let page = SignInPage(
            mesh: workspace.project.mesh.name, csrf: csrf, next: WebPaths.safeNext(next), name: name, error: error)
        var response = WebResponses.page(page.render(), status: status)
        response.setCookie(WebResponses.cookie(WebResponses.signInCookie, csrf, maxAge: 3600, secure: secure))
        return response
    }

    func signIn(_ request: Request, peer: String) async throws -> Response {
        let form = try await WebForm.body(request)
        let next = WebPaths.safeNext(form["next"])
        let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let cookie = request.cookies[WebResponses.signInCookie]?.value, let sent = form["csrf"],
            Self.sameText(cookie, sent)
        else {
            return signInForm(
                next: next, error: "The form expired or came from elsewhere; please sign in again.", name: name,
                status: .forbidden)
        }
        if let wait = throttle.refusal(for: peer) {
            var response = signInForm(
                next: next,
                error: "Too many failed sign-ins from this address; try again in \(Int(wait.rounded(.up))) s.",
                name: name, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        let begun: NewWebSession?
        do {
            if let token = form["token"], !token.isEmpty {
                begun = try? await sessions.signIn(token: token.trimmingCharacters(in: .whitespaces), from: peer).get()
            } else {
                begun = try await sessions.signIn(name: name, password: form["password"] ?? "", from: peer)
            }
        } catch {
            workspace.warn("web UI sign-in: \(error.message)")
            return signInForm(
                next: next, error: "Signing in failed on the server; its log says why.", status: .internalServerError)
        }
        guard let begun else {
            throttle.failed(peer)
            return signInForm(
                next: next, error: "The name and password, or the token, are not right.", name: name,
                status: .unauthorized)
        }
        throttle.succeeded(peer)
        var response = WebResponses.redirect(to: next)
        response.setCookie(
            WebResponses.cookie(
                WebResponses.sessionCookie, begun.cookieValue, maxAge: Int(sessions.settings.absolute), secure: secure))
        response.setCookie(WebResponses.cookie(WebResponses.signInCookie, "", maxAge: 0, secure: secure))
        return response
    }

    func signOut(_ request: Request, peer: String) async throws -> Response {
        let form = try await WebForm.body(request)
        guard let session = try await currentSession(request) else { return WebResponses.redirect(to: WebPaths.signIn) }
        guard session.accepts(csrfToken: form["csrf"]) else {
            return WebResponses.plain(.forbidden, "The sign-out form expired or came from elsewhere; reload the page.")
        }
        try await sessions.signOut(cookie: request.cookies[WebResponses.sessionCookie]?.value, from: peer)
        var response = WebResponses.redirect(to: WebPaths.signIn)
        response.setCookie(WebResponses.cookie(WebResponses.sessionCookie, "", maxAge: 0, secure: secure))
        return response
    }

    /// 32 random bytes in base64url.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Equal texts, compared in time independent of where they differ.
    static func sameText(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
