/// A JSON HTTP API, paginated; retried with backoff on 429 and 5xx.
public struct HTTPConnector: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case GET, POST
    }

    public struct Pagination: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case page, offset, cursor, link
        }

        public var kind: Kind
        /// The other keys of the `pagination:` block, as written, for the paginator to interpret.
        public var settings: [ConnectorSetting]

        public init(kind: Kind, settings: [ConnectorSetting] = []) {
            self.kind = kind
            self.settings = settings
        }
    }

    /// How failed requests are retried: `retries: {max_attempts: 5, backoff: 1s, max_backoff: 60s}`.
    ///
    /// Attempt `n` (from 1) waits `backoff × 2^(n-1)`, capped at `maxBackoff`, with jitter; a
    /// `Retry-After` from the server replaces that wait.
    public struct Retries: Sendable, Hashable {
        /// Requests made for one page before giving up, the first one included; 1 turns retries off.
        public var maxAttempts: Int
        /// The wait before the first retry.
        public var backoff: TimeSpan
        /// The longest wait between two attempts; a server asking for more fails the load.
        public var maxBackoff: TimeSpan

        public static let defaultMaxAttempts = 5
        public static let defaultBackoff = TimeSpan(seconds: 1)
        public static let defaultMaxBackoff = TimeSpan(seconds: 60)

        public init(
            maxAttempts: Int = Retries.defaultMaxAttempts, backoff: TimeSpan = Retries.defaultBackoff,
            maxBackoff: TimeSpan = Retries.defaultMaxBackoff
        ) {
            self.maxAttempts = maxAttempts
            self.backoff = backoff
            self.maxBackoff = maxBackoff
        }
    }

    public static let defaultTimeout = TimeSpan(seconds: 30)

    public var url: ConfigString
    public var method: Method
    public var headers: [ConnectorSetting]
    public var params: [ConnectorSetting]
    /// A JSON pointer (RFC 6901) to the record array, e.g. `/data`; empty: the document itself.
    public var records: String
    public var pagination: Pagination?
    public var retries: Retries
    /// The most requests per second, retries included; nil: no limit.
    public var rateLimit: Double?
    /// How long one request may take, connecting included, before it counts as failed (and is retried).
    public var timeout: TimeSpan

    public init(
        url: ConfigString, method: Method = .GET, headers: [ConnectorSetting] = [], params: [ConnectorSetting] = [],
        records: String = "", pagination: Pagination? = nil, retries: Retries = Retries(), rateLimit: Double? = nil,
        timeout: TimeSpan = HTTPConnector.defaultTimeout
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.params = params
        self.records = records
        self.pagination = pagination
        self.retries = retries
        self.rateLimit = rateLimit
        self.timeout = timeout
    }
}
