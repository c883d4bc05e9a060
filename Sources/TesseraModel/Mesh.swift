/// tessera.yaml: the mesh as a whole.
public struct Mesh: Sendable, Hashable {
    public static let defaultEnvironments = ["dev", "prod"]
    public static let defaultStateDirectory = ".tessera"

    public var name: String
    public var description: String?
    /// Never empty; the first is the default for `--env`.
    public var environments: [String]
    /// Relative to the project root unless absolute; every environment has its own folder below it.
    public var stateDirectory: String
    public var governance: GovernanceSettings
    /// The people who administer the whole mesh (`admins:`): they read every product, masked
    /// outside their own domains, and the audit log.
    public var admins: [String]
    /// Where run events go; nil when tessera.yaml has no `openlineage:` block.
    public var openLineage: OpenLineageSettings?
    /// Webhooks told of every domain's failures, blocked publishes, missed SLAs and drift.
    public var alerts: [AlertRule] = []
    /// At most this many runs at once across the mesh (`concurrency: {runs: N}`); nil: no limit
    /// but one run per domain warehouse at a time.
    public var concurrentRuns: Int?
    public var location: SourceLocation

    public init(
        name: String, description: String? = nil, environments: [String] = Mesh.defaultEnvironments,
        stateDirectory: String = Mesh.defaultStateDirectory, governance: GovernanceSettings = .init(),
        admins: [String] = [], location: SourceLocation = .start(of: "tessera.yaml")
    ) {
        self.name = name
        self.description = description
        self.environments = environments
        self.stateDirectory = stateDirectory
        self.governance = governance
        self.admins = admins
        self.location = location
    }

    public var defaultEnvironment: String { environments.first ?? Mesh.defaultEnvironments[0] }
}
