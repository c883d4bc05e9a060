/// The `connector:` block of a source. Every setting may use `${NAME}` and is kept as a
/// `ConfigString`, so printing a connector never shows a secret.
public enum Connector: Sendable, Hashable {
    case csv(FileConnector)
    case json(FileConnector)
    case parquet(FileConnector)
    case postgres(PostgresConnector)
    case http(HTTPConnector)

    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case csv, json, parquet, postgres, http
    }

    public var kind: Kind {
        switch self {
        case .csv: .csv
        case .json: .json
        case .parquet: .parquet
        case .postgres: .postgres
        case .http: .http
        }
    }
}

/// A named connector setting (`options`, `headers`, `params`), in the order written.
public struct ConnectorSetting: Sendable, Hashable {
    public var name: String
    public var value: ConfigString

    public init(name: String, value: ConfigString) {
        self.name = name
        self.value = value
    }
}
