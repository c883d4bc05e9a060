import Foundation
import TesseraModel

/// Makes URLs and server text safe to print. User-info is always hidden; the value of a param
/// written with `${…}` is shown as `***`; and any text that came from an environment variable
/// (in the URL, params or headers) is replaced wherever it turns up, also percent-encoded —
/// a server may echo a token back in a next-page link or an error body.
struct HTTPRedactor: Sendable {
    static let mask = "***"

    private let secretParams: Set<String>
    /// Longest first, so a secret containing another is masked whole.
    private let secrets: [String]

    init(connector: HTTPConnector) {
        secretParams = Set(connector.params.filter(\.value.isSecret).map(\.name))
        var parts: [String] = []
        for string in [connector.url] + connector.params.map(\.value) + connector.headers.map(\.value)
        where string.isSecret {
            for part in HTTPRedactor.environmentParts(of: string) where !part.isEmpty {
                parts.append(part)
                parts.append(contentsOf: HTTPRedactor.encodings(of: part))
            }
        }
        // Credentials in the URL travel as a Basic Authorization header, which a server may echo.
        if let url = URL(string: connector.url.value), let user = url.user {
            let credentials = user + ":" + (url.password ?? "")
            parts.append(credentials)
            parts.append(Data(credentials.utf8).base64EncodedString())
            if let password = url.password, !password.isEmpty { parts.append(password) }
        }
        secrets = Array(Set(parts)).sorted { $0.count > $1.count }
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

    func text(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: HTTPRedactor.mask) }
    }

    /// The pieces of a value that came from `${…}`, found by matching the literal parts of the
    /// template against the value. When they cannot be told apart the whole value is secret.
    static func environmentParts(of string: ConfigString) -> [String] {
        let segments = templateSegments(string.template)
        let value = string.value
        var position = value.startIndex
        var parts: [String] = []
        var index = 0
        while index < segments.count {
            switch segments[index] {
            case let .literal(literal):
                guard value[position...].hasPrefix(literal) else { return [value] }
                position = value.index(position, offsetBy: literal.count)
                index += 1
            case .reference:
                // Adjacent references form one secret; it runs to the last place the following
                // literal fits, which errs on the side of masking too much.
                while index < segments.count, case .reference = segments[index] { index += 1 }
                guard index < segments.count, case let .literal(next) = segments[index] else {
                    parts.append(String(value[position...]))
                    position = value.endIndex
                    continue
                }
                guard let found = value.range(of: next, options: .backwards, range: position..<value.endIndex) else {
                    return [value]
                }
                parts.append(String(value[position..<found.lowerBound]))
                position = found.lowerBound
            }
        }
        return position == value.endIndex ? parts : [value]
    }

    private enum Segment {
        case literal(String)
        case reference
    }

    /// Splits a template the way `ConfigString` resolves it: `${NAME}` references and `$$` for `$`.
    private static func templateSegments(_ template: String) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(template)
        while let first = rest.first {
            if first == "$", rest.dropFirst().first == "$" {
                literal.append("$")
                rest = rest.dropFirst(2)
            } else if first == "$", rest.dropFirst().first == "{", let close = rest.firstIndex(of: "}") {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.reference)
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(first)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }

    /// The forms a secret takes in a URL or a form body.
    private static func encodings(of secret: String) -> [String] {
        [
            HTTPRequestBuilder.percentEncoded(secret),
            secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed),
            secret.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed),
            secret.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed),
        ].compactMap { $0 }.filter { $0 != secret }
    }
}
