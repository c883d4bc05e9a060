import Foundation
import TesseraHTTP

/// POSTs each event as JSON to `<url>/<endpoint>` (what Marquez and the OpenLineage proxy take),
/// with `Authorization: Bearer <apiKey>` when a key is configured, through Tessera's one HTTP
/// client. A request that takes longer than `timeout`, fails to connect or gets a non-2xx answer
/// throws.
public struct HTTPTransport: OpenLineageTransport {
    public let endpoint: URL
    let apiKey: String?
    let timeout: Duration
    let client: any HTTPClient

    public init(
        url: String, endpoint: String, apiKey: String?, timeout: Double,
        client: any HTTPClient = URLSessionHTTPClient()
    ) throws {
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
        self.timeout = .seconds(max(1, timeout.rounded(.up)))
        self.client = client
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
        var headers = [HTTPField(name: "Content-Type", value: "application/json")]
        if let apiKey, !apiKey.isEmpty { headers.append(HTTPField(name: "Authorization", value: "Bearer \(apiKey)")) }
        let response: HTTPResponse
        do {
            response = try await client.send(
                HTTPRequest(method: "POST", url: endpoint, headers: headers, body: event, timeout: timeout))
        } catch let error as HTTPClientError {
            throw TransportError(
                error.kind == .timedOut ? "no answer within the timeout" : "could not connect (\(error))")
        }
        if !(200..<300).contains(response.status) {
            throw TransportError("the server answered HTTP \(response.status)")
        }
    }
}
