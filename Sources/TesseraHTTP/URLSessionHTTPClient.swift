import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production client, on Foundation's URLSession.
///
/// URLSession rather than async-http-client: it ships with the toolchain on macOS and Linux,
/// so HTTP adds no SwiftNIO to the build, and a caller that makes one request at a time (a
/// connector's pages, OpenLineage's events) does not need an event loop. Caching and cookies are off, so every page is what
/// the server sent just now. Redirects are followed only within the same origin, so headers
/// such as `Authorization` never go to a host the project did not name.
public final class URLSessionHTTPClient: HTTPClient {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: SameOriginRedirects(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        let (seconds, attoseconds) = request.timeout.components
        urlRequest.timeoutInterval = Double(seconds) + Double(attoseconds) / 1e18
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        let handle = TaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: URLSessionHTTPClient.transportError(error))
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(
                            returning: HTTPResponse(
                                status: response.statusCode,
                                headers: URLSessionHTTPClient.fields(of: response),
                                body: data ?? Data()))
                    } else {
                        continuation.resume(throwing: HTTPClientError(.other, detail: "the response is not HTTP"))
                    }
                }
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }

    static func fields(of response: HTTPURLResponse) -> [HTTPField] {
        response.allHeaderFields.compactMap { key, value in
            guard let name = key as? String else { return nil }
            return HTTPField(name: name, value: String(describing: value))
        }
    }

    static func transportError(_ error: any Error) -> any Error {
        guard let urlError = error as? URLError else {
            return HTTPClientError(.other, detail: String(describing: type(of: error)))
        }
        if urlError.code == .cancelled { return CancellationError() }
        let kind: HTTPClientError.Kind =
            switch urlError.code {
            case .cannotFindHost, .dnsLookupFailed: .unknownHost
            case .cannotConnectToHost: .connectionRefused
            case .timedOut: .timedOut
            case .networkConnectionLost, .badServerResponse: .connectionLost
            case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
                .tls
            default: .other
            }
        // The localized description can embed the URL; keep only the error code.
        return HTTPClientError(kind, detail: "URLError \(urlError.code.rawValue)")
    }
}

/// Lets cancellation reach a data task that may not have started yet.
private final class TaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func start(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancelled = self.cancelled
        lock.unlock()
        if cancelled { task.cancel() } else { task.resume() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}

/// Follows a redirect only to the same scheme, host and port; otherwise the 3xx itself is the answer.
private final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let from = task.originalRequest?.url
        let to = request.url
        completionHandler(from.map(HTTPOrigin.init) == to.map(HTTPOrigin.init) ? request : nil)
    }
}

/// Scheme, host and port: what must match before credentials may follow a URL.
public struct HTTPOrigin: Hashable, Sendable {
    public let scheme: String
    public let host: String
    public let port: Int?

    public init(_ url: URL) {
        let scheme = url.scheme?.lowercased() ?? ""
        self.scheme = scheme
        host = url.host?.lowercased() ?? ""
        port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
    }
}
