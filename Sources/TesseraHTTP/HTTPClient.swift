import Foundation

/// Sends one HTTP request and returns the whole response: the one HTTP client of Tessera, which
/// the HTTP connector and the OpenLineage transport both use. The caller owns retries, pacing
/// and pagination; a client only moves bytes, so tests can replace it without a network.
public protocol HTTPClient: Sendable {
    /// Any status counts as a response; only a failure to get one throws, as `HTTPClientError`.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A header name and value, in the order sent or received.
public struct HTTPField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    public var headers: [HTTPField]
    public var body: Data?
    /// How long the whole exchange may take, connecting included.
    public var timeout: Duration

    public init(
        method: String, url: URL, headers: [HTTPField] = [], body: Data? = nil, timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPField]
    public var body: Data

    public init(status: Int, headers: [HTTPField] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Every value of a header, names compared without regard to case.
    public func values(of name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    public func value(of name: String) -> String? { values(of: name).first }
}

/// No response arrived. The kind decides what happens next: timeouts and dropped connections
/// are retried, the rest fail at once because waiting would not change them.
public struct HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unknownHost
        case connectionRefused
        case timedOut
        case connectionLost
        case tls
        case other
    }

    public var kind: Kind
    /// What the underlying library said; may name the URL, so it is redacted before it is shown.
    public var detail: String

    public init(_ kind: Kind, detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    public var isTransient: Bool { kind == .timedOut || kind == .connectionLost }

    public var description: String {
        let summary =
            switch kind {
            case .unknownHost: "unknown host"
            case .connectionRefused: "connection refused"
            case .timedOut: "timed out"
            case .connectionLost: "connection lost"
            case .tls: "TLS failure"
            case .other: "transport failure"
            }
        return detail.isEmpty ? summary : "\(summary) (\(detail))"
    }
}
