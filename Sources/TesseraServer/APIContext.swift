import Hummingbird
import TesseraCore
import TesseraWeb

/// What a request carries through the middleware to its handler: the client's address (the
/// sign-in throttle's key) and, once signed in, who the caller is.
struct APIContext: RequestContext, WebRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or `unknown` when the channel has none (a Unix socket).
    let peer: String
    var signedIn: SignedIn?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
        signedIn = nil
    }

    /// The signed-in principal; the sign-in middleware guarantees one on every guarded route.
    func principal() throws -> Principal {
        guard let signedIn else { throw APIError(SignInFailure.missing) }
        return signedIn.principal
    }
}
