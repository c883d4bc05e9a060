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

    public var url: ConfigString
    public var method: Method
    public var headers: [ConnectorSetting]
    public var params: [ConnectorSetting]
    /// A JSON pointer (RFC 6901) to the record array, e.g. `/data`; empty: the document itself.
    public var records: String
    public var pagination: Pagination?

    public init(url: ConfigString, method: Method = .GET, headers: [ConnectorSetting] = [], params: [ConnectorSetting] = [],
                records: String = "", pagination: Pagination? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.params = params
        self.records = records
        self.pagination = pagination
    }
}
