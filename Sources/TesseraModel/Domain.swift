/// domains/<domain>/: a business domain with its own warehouse, its sources, models and products.
public struct Domain: Sendable, Hashable {
    public var name: String
    public var owner: String?
    public var description: String?
    public var engine: Engine
    public var tags: [String]
    /// The people of the domain (`members:`): they read its products in clear.
    public var members: [Member]
    /// Machines acting for the domain (`services:`), with its rights.
    public var services: [ServiceIdentity]
    /// `schedule`, `automation`, `retries` and `sla` for the nodes that declare none (already
    /// applied to them; kept to say where a node's settings came from).
    public var automationDefaults: Automation
    /// Where its owners are told of failures, blocked publishes, missed SLAs and drift.
    public var alerts: [AlertRule]
    /// At most this many of its runs at once (`concurrency: {runs: N}`); nil: the mesh's limit.
    public var concurrentRuns: Int?
    /// Where domain.yaml starts, or the domain folder when it has no domain.yaml.
    public var location: SourceLocation
    /// Sorted by name, as are models and products.
    public var sources: [Source]
    public var models: [Model]
    public var products: [Product]
    /// Sorted by name; see ``Dashboard``.
    public var dashboards: [Dashboard] = []

    public init(
        name: String, owner: String? = nil, description: String? = nil, engine: Engine = .duckdb,
        tags: [String] = [], members: [Member] = [], services: [ServiceIdentity] = [], location: SourceLocation,
        sources: [Source] = [], models: [Model] = [],
        products: [Product] = []
    ) {
        self.name = name
        self.owner = owner
        self.description = description
        self.engine = engine
        self.tags = tags
        self.members = members
        self.services = services
        automationDefaults = Automation()
        alerts = []
        concurrentRuns = nil
        self.location = location
        self.sources = sources
        self.models = models
        self.products = products
    }

    public func source(named name: String) -> Source? { sources.first { $0.name == name } }
    public func model(named name: String) -> Model? { models.first { $0.name == name } }
    public func product(named name: String) -> Product? { products.first { $0.name == name } }
}

/// The analytical engine a domain runs on. DuckDB is the only one so far.
public enum Engine: String, Sendable, Hashable, CaseIterable {
    case duckdb
}
