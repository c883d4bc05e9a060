import Foundation

/// Hides credentials in text that is about to be shown or stored: the one function every message,
/// log line and record that may carry a connector's resolved value goes through.
///
/// What it masks, with `***`: every piece of a credential that came from `${NAME}` (also
/// percent-encoded, as it travels in a URL or a form), and the user-info of a credential that is a
/// URL (`user:password` and its Base64 form, which a Basic Authorization header carries, and the
/// password alone, decoded or not), whether written literally or not. Servers and libraries echo
/// what they were given — an HTTP error body, a next-page link, a driver's message — so the text is
/// searched, not only the places a credential was put.
public struct SecretRedactor: Sendable, Hashable {
    public static let mask = "***"

    /// Longest first, so a secret containing another is masked whole.
    public let secrets: [String]

    public init(_ credentials: [ConfigString]) {
        var parts: [String] = []
        for credential in credentials {
            if credential.isSecret {
                for part in Self.environmentParts(of: credential) where !part.isEmpty {
                    for piece in [part] + Self.webPath(of: part) {
                        parts.append(piece)
                        parts.append(contentsOf: Self.encodings(of: piece))
                    }
                }
            }
            parts.append(contentsOf: Self.userInfo(in: credential.value))
        }
        secrets = Array(Set(parts)).filter { !$0.isEmpty }.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// True when there is nothing to hide.
    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every secret replaced by `***`.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        return secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }

    /// The credentials of a URL's user-info, in the forms they take on the wire and in messages.
    static func userInfo(in value: String) -> [String] {
        guard value.contains("@"), let components = URLComponents(string: value),
            let user = components.percentEncodedUser
        else { return [] }
        let password = components.percentEncodedPassword ?? ""
        let decodedUser = user.removingPercentEncoding ?? user
        let decodedPassword = password.removingPercentEncoding ?? password
        let credentials = decodedUser + ":" + decodedPassword
        var forms = [user + ":" + password, credentials, Data(credentials.utf8).base64EncodedString()]
        if !password.isEmpty { forms += [password, decodedPassword] }
        return forms
    }

    /// The path and query of an http(s) URL that came whole from the environment: servers echo the
    /// path they were asked for, and a webhook's or a signed URL's path is its secret. The host
    /// stays visible, so that a message can still say which server failed.
    static func webPath(of part: String) -> [String] {
        guard let components = URLComponents(string: part), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host != nil
        else { return [] }
        let path = components.percentEncodedPath
        var pieces: [String] = []
        if path.count > 1 {
            pieces.append(path)
            if let decoded = path.removingPercentEncoding, decoded != path { pieces.append(decoded) }
        }
        if let query = components.percentEncodedQuery, !query.isEmpty { pieces.append(query) }
        return pieces
    }

    /// The forms a secret takes in a URL or a form body.
    static func encodings(of secret: String) -> [String] {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return [
            secret.addingPercentEncoding(withAllowedCharacters: unreserved),
            secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed),
            secret.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed),
            secret.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed),
            secret.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed),
        ].compactMap { $0 }.filter { $0 != secret }
    }
}

extension SecretRedactor {
    /// The pieces of a value that came from `${…}`, found by matching the literal parts of the
    /// template against the value. When they cannot be told apart the whole value is secret.
    public static func environmentParts(of string: ConfigString) -> [String] {
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
}

extension Project {
    /// Every credential of the project (connectors' urls, headers and params; OpenLineage's url and
    /// api key; alert webhooks; dashboard deliveries' webhooks and their headers), to redact
    /// whatever the project's runs print or store.
    public var secretRedactor: SecretRedactor {
        var credentials: [ConfigString] = []
        for source in domains.flatMap(\.sources) {
            switch source.connector {
            case .postgres(let connector): credentials.append(connector.url)
            case .http(let connector):
                credentials += [connector.url] + connector.headers.map(\.value) + connector.params.map(\.value)
            case .csv, .json, .parquet: break
            }
        }
        if case .http(let url, _, let apiKey)? = mesh.openLineage?.transport {
            credentials += [url] + (apiKey.map { [$0] } ?? [])
        }
        // A webhook is secret even when written in the file (whoever has it can post to the
        // channel): it is redacted as if it came whole from a variable, its path and query too.
        for alert in mesh.alerts + domains.flatMap(\.alerts) {
            let webhook = alert.webhook
            credentials.append(
                webhook.isSecret
                    ? webhook : ConfigString(template: "${WEBHOOK}", value: webhook.value, variables: ["WEBHOOK"]))
        }
        credentials += domains.flatMap(\.dashboards).flatMap(\.deliveries).flatMap(\.credentials)
        return SecretRedactor(credentials)
    }
}
