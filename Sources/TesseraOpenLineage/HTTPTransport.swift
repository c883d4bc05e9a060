import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// POSTs each event as JSON to `<url>/<endpoint>` (what Marquez and the OpenLineage proxy take),
/// with `Authorization: Bearer <apiKey>` when a key is configured. A request that takes longer
/// than `timeout`, fails to connect or gets a non-2xx answer throws.
public struct HTTPTransport: OpenLineageTransport {
    public let endpoint: URL
    let apiKey: String?
    let session: URLSession

    public init(url: String, endpoint: String, apiKey: String?, timeout: Double) throws {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let path = endpoint.hasPrefix("/") ? String(endpoint.dropFirst()) : endpoint
        guard let full = URL(string: path.isEmpty ? base : "\(base)/\(path)"), full.scheme?.hasPrefix("http") == true
        else {
            throw TransportError("'\(url)' with endpoint '\(endpoint)' is not an http(s) URL")
        }
        self.endpoint = full
        self.apiKey = apiKey
        // Whole seconds, at least one: FoundationNetworking (libcurl) on Linux truncates the
        // interval, so 0.5 s would time out at once.
        let seconds = max(1, timeout.rounded(.up))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        session = URLSession(configuration: configuration)
    }

    /// The URL without any user or password in it.
    public var destination: String {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            return "the OpenLineage server"
        }
        components.user = nil
        components.password = nil
        return components.string ?? "the OpenLineage server"
    }

    public func send(_ event: Data) async throws {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = event
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey, !apiKey.isEmpty { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        let response: URLResponse
        do {
            (_, response) = try await session.data(for: request)
        } catch let error as URLError {
            throw TransportError(
                error.code == .timedOut
                    ? "no answer within the timeout"
                    : "could not connect (\(error.code.rawValue): \(error.localizedDescription))")
        }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw TransportError("the server answered HTTP \(http.statusCode)")
        }
    }
}
