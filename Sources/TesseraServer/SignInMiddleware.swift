import Foundation
import Hummingbird
import TesseraCore

/// Signs every request in with its bearer token (`Tokens.authenticate`) before its handler runs.
/// A request without a valid token gets 401 and the failure's code; a client that failed too
/// often (`SignInThrottle`, keyed by its address) gets 429 with `Retry-After`, whatever it sends.
struct SignInMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let workspace: Workspace
    let throttle: SignInThrottle
    let metrics: APIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let wait = throttle.refusal(for: context.peer) {
            var headers = HTTPFields()
            headers[.retryAfter] = String(Int(wait.rounded(.up)))
            metrics.signInFailed("throttled")
            throw APIError(
                .tooManyRequests, code: "too_many_sign_ins",
                "too many failed sign-ins from this address; try again in \(Int(wait.rounded(.up))) s.",
                hint: "check the token: `tessera token list` shows which are active.", headers: headers)
        }
        let result: Result<SignedIn, SignInFailure>
        do { result = try await workspace.tokens.authenticate(bearer: request.headers[.authorization]) } catch {
            throw APIError(error)
        }
        switch result {
        case .success(let signedIn):
            throttle.succeeded(context.peer)
            var context = context
            context.signedIn = signedIn
            return try await next(request, context)
        case .failure(let failure):
            // A request that sent nothing is not a guess at a token: it is not counted.
            if failure != .missing { throttle.failed(context.peer) }
            metrics.signInFailed(failure.code)
            throw APIError(failure)
        }
    }
}
