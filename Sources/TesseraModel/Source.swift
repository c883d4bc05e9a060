/// domains/<domain>/sources/<source>.yaml: where raw data comes from and how it is loaded.
public struct Source: Sendable, Hashable {
    public var name: String
    public var domain: String
    public var description: String?
    public var connector: Connector
    public var load: LoadSettings
    /// nil when the file declares no `schema:`: whatever arrives is accepted.
    public var schema: SourceSchema?
    public var standardize: Standardization
    /// When it loads by itself, with the domain's defaults applied.
    public var automation: Automation
    public var location: SourceLocation

    public init(
        name: String, domain: String, description: String? = nil, connector: Connector,
        load: LoadSettings = .init(), schema: SourceSchema? = nil, standardize: Standardization = .init(),
        automation: Automation = .init(), location: SourceLocation
    ) {
        self.name = name
        self.domain = domain
        self.description = description
        self.connector = connector
        self.load = load
        self.schema = schema
        self.standardize = standardize
        self.automation = automation
        self.location = location
    }
}

extension Connector {
    /// True for csv, json and parquet: files the file-arrival sensor can watch.
    public var isFile: Bool {
        switch self {
        case .csv, .json, .parquet: true
        case .postgres, .http: false
        }
    }
}
