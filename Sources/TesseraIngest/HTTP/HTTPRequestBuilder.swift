import Foundation
import TesseraHTTP
import TesseraModel

/// Turns the connector and the paginator's parameters into requests.
///
/// GET sends `params` in the query string, after any query the URL already has. POST sends
/// them as an `application/x-www-form-urlencoded` body: the model keeps every param as text,
/// and a form carries text exactly, where a JSON body would have to guess which values are
/// numbers. A pagination parameter replaces a param or URL query item of the same name.
struct HTTPRequestBuilder: Sendable {
    let method: HTTPConnector.Method
    let baseURL: URL
    let params: [HTTPField]
    let headers: [HTTPField]
    let timeout: Duration

    /// nil when the URL is not an absolute http(s) URL with a host.
    init?(connector: HTTPConnector) {
        guard let url = URL(string: connector.url.value), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        method = connector.method
        baseURL = url
        params = connector.params.map { HTTPField(name: $0.name, value: $0.value.value) }
        var headers = connector.headers.map { HTTPField(name: $0.name, value: $0.value.value) }
        if !headers.contains(where: { $0.name.caseInsensitiveCompare("Accept") == .orderedSame }) {
            headers.append(HTTPField(name: "Accept", value: "application/json"))
        }
        if !headers.contains(where: { $0.name.caseInsensitiveCompare("User-Agent") == .orderedSame }) {
            headers.append(HTTPField(name: "User-Agent", value: "tessera"))
        }
        if connector.method == .POST {
            headers.removeAll { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }
            headers.append(HTTPField(name: "Content-Type", value: "application/x-www-form-urlencoded"))
        }
        self.headers = headers
        timeout = .seconds(connector.timeout.seconds)
    }

    /// The request for a page: the configured URL with pagination parameters, or — for
    /// `link` pagination — the URL the server gave, which already carries its query.
    func request(_ target: HTTPPageTarget) -> HTTPRequest {
        switch target {
        case let .parameters(overrides):
            let merged = HTTPRequestBuilder.merge(params, overrides)
            switch method {
            case .GET:
                return HTTPRequest(
                    method: "GET", url: HTTPRequestBuilder.url(baseURL, adding: merged, replacing: overrides),
                    headers: headers, timeout: timeout)
            case .POST:
                return HTTPRequest(
                    method: "POST", url: baseURL, headers: headers,
                    body: HTTPRequestBuilder.formBody(merged), timeout: timeout)
            }
        case let .url(url):
            return HTTPRequest(
                method: method.rawValue, url: url, headers: headers,
                body: method == .POST ? HTTPRequestBuilder.formBody(params) : nil, timeout: timeout)
        }
    }

    /// `base` with each override replacing the params of the same name (at the first one's
    /// place); names not in `base` come last.
    static func merge(_ base: [HTTPField], _ overrides: [HTTPField]) -> [HTTPField] {
        var merged = base
        for override in overrides {
            guard let index = merged.firstIndex(where: { $0.name == override.name }) else {
                merged.append(override)
                continue
            }
            merged[index].value = override.value
            merged = merged.enumerated().filter { $0.offset <= index || $0.element.name != override.name }.map(
                \.element)
        }
        return merged
    }

    /// `base` with `fields` appended to its query, after dropping query items named in `overrides`.
    private static func url(_ base: URL, adding fields: [HTTPField], replacing overrides: [HTTPField]) -> URL {
        guard !fields.isEmpty, var components = URLComponents(url: base, resolvingAgainstBaseURL: true) else {
            return base
        }
        let replaced = Set(overrides.map(\.name))
        var query = (components.percentEncodedQuery ?? "").split(separator: "&").map(String.init).filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? pair
            return !replaced.contains(name.removingPercentEncoding ?? name)
        }
        query += fields.map { "\(percentEncoded($0.name))=\(percentEncoded($0.value))" }
        components.percentEncodedQuery = query.joined(separator: "&")
        return components.url ?? base
    }

    static func formBody(_ fields: [HTTPField]) -> Data {
        Data(fields.map { "\(percentEncoded($0.name))=\(percentEncoded($0.value))" }.joined(separator: "&").utf8)
    }

    /// RFC 3986 unreserved characters stay; everything else, `+` and `&` included, is encoded.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// Where the next page comes from.
enum HTTPPageTarget: Sendable, Hashable {
    /// The configured URL and params, with these pagination parameters set.
    case parameters([HTTPField])
    /// A URL given by the server (`link` pagination).
    case url(URL)
}
