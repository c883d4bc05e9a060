/// A PostgreSQL table or query.
public struct PostgresConnector: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case table(ConfigString)
        case query(ConfigString)
    }

    /// `postgres://user:pass@host:port/db`, usually from `${…}`.
    public var url: ConfigString
    public var target: Target

    public init(url: ConfigString, target: Target) {
        self.url = url
        self.target = target
    }
}
