import Foundation
import TesseraModel

/// Makes URLs and server text safe to print. User-info is always hidden; the value of a param
/// written with `${…}` is shown as `***`; and any text that came from an environment variable
/// (in the URL, params or headers) is replaced wherever it turns up, also percent-encoded —
/// a server may echo a token back in a next-page link or an error body. The text itself goes
/// through the ``SecretRedactor`` every connector shares.
struct HTTPRedactor: Sendable {
    static let mask = SecretRedactor.mask

    private let secretParams: Set<String>
    private let shared: SecretRedactor

    init(connector: HTTPConnector) {
        secretParams = Set(connector.params.filter(\.value.isSecret).map(\.name))
        shared = SecretRedactor([connector.url] + connector.params.map(\.value) + connector.headers.map(\.value))
    }

    func url(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            return text(url.absoluteString)
        }
        if components.percentEncodedUser != nil || components.percentEncodedPassword != nil {
            components.percentEncodedUser = HTTPRedactor.mask
            components.percentEncodedPassword = nil
        }
        if let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { item in
                let name = item.name.removingPercentEncoding ?? item.name
                guard secretParams.contains(name), item.value != nil else { return item }
                return URLQueryItem(name: item.name, value: HTTPRedactor.mask)
            }
        }
        return text(components.string ?? url.absoluteString)
    }

    func text(_ text: String) -> String { shared.redact(text) }

    /// The pieces of a value that came from `${…}` (see ``SecretRedactor``).
    static func environmentParts(of string: ConfigString) -> [String] { SecretRedactor.environmentParts(of: string) }
}
