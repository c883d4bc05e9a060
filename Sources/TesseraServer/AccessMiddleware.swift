import Foundation
import Hummingbird
import TesseraCore

/// The outermost middleware: times every request for `/metrics`, and turns every error into the
/// one JSON error shape (`APIError`) — the router's own 404 and 405 included. An error that is
/// not the API's (a bug) becomes a 500 whose message names no internals.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let metrics: APIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let response: Response
        do { response = try await next(request, context) } catch { response = Self.response(for: error) }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.observe(
            route: context.endpointPath ?? "unmatched", status: response.status.code, seconds: seconds)
        return response
    }

    static func response(for error: any Error) -> Response {
        switch error {
        case let error as APIError: return error.response
        case let error as CoreError: return APIError(error).response
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
                .response
        default:
            return APIError(
                .internalServerError, code: "internal_error", "the server failed to answer.",
                hint: "the server's log may say more; this is a bug in Tessera."
            )
            .response
        }
    }
}
