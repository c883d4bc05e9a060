import Foundation
import Hummingbird
import TesseraCore

/// The outermost middleware: times every request for `/metrics`, and turns every error into the
/// one JSON error shape (`APIError`) — the router's own 404 and 405 included. An error that is
/// not the API's (a bug) becomes a 500 whose message names no internals.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let metrics: APIMetrics
    /// Where a 500's own message goes (the service's standard error): the caller gets a message
    /// that names no file or internal of the server.
    let warn: @Sendable (String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let response: Response
        do { response = try await next(request, context) } catch {
            var answer = Self.error(for: error)
            if answer.status == .internalServerError {
                warn("\(request.method) \(request.uri.path): \(answer.message)")
                answer.message = "the server could not answer this request; its log says why."
                answer.hint =
                    "this is a bug in Tessera or a failing catalog; the operator finds the reason in serve's log."
            }
            response = answer.response
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.observe(
            route: context.endpointPath ?? "unmatched", status: response.status.code, seconds: seconds)
        return response
    }

    static func error(for error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as CoreError: return APIError(error)
        case let error as HTTPError:
            let status = error.status
            let code =
                switch status.code {
                case 404: "not_found"
                case 405: "method_not_allowed"
                case 413: "too_large"
                case 400..<500: "bad_request"
                default: "internal_error"
                }
            let message = status.code == 404 ? "no such endpoint." : (error.body ?? status.reasonPhrase)
            return APIError(status, code: code, message, hint: "the API is described at /api/v1/openapi.json.")
        default:
            return APIError(.internalServerError, code: "internal_error", "\(error)")
        }
    }
}
