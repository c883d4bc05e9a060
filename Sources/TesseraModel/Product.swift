/// domains/<domain>/products/<product>.yaml: a published data product and its contract.
public struct Product: Sendable, Hashable {
    /// What the product publishes.
    public enum Input: Sendable, Hashable {
        case model(String)
        case source(String)

        public var name: String {
            switch self {
            case let .model(name), let .source(name): name
            }
        }
    }

    public var name: String
    public var domain: String
    public var description: String?
    public var input: Input
    /// True when neither `model:` nor `source:` was written (the model of the same name).
    public var inputIsDefault: Bool
    public var version: SemVer
    /// The product's owner: its own `owner:`, else the domain's.
    public var owner: String?
    /// True when `owner` came from the domain.
    public var ownerIsInherited: Bool
    public var tags: [String]
    /// When it is rebuilt and published by itself, its retries and its freshness, with the
    /// domain's defaults applied.
    public var automation: Automation
    public var contract: Contract
    public var checks: [Check]
    public var access: Access
    /// Which earlier snapshots stay on disk.
    public var retention: Retention
    /// How much a new snapshot may drift from the previous one before it is reported.
    public var drift: DriftSettings
    /// Previous major versions no longer served as `<domain>.<product>__v<N>`.
    public var retiredVersions: [Int]
    public var location: SourceLocation

    public init(
        name: String, domain: String, description: String? = nil, input: Input, inputIsDefault: Bool = false,
        version: SemVer = Product.defaultVersion, owner: String? = nil, ownerIsInherited: Bool = false,
        tags: [String] = [], automation: Automation = .init(), contract: Contract,
        checks: [Check] = [], access: Access = .init(), retention: Retention = .init(), drift: DriftSettings = .init(),
        retiredVersions: [Int] = [], location: SourceLocation
    ) {
        self.name = name
        self.domain = domain
        self.description = description
        self.input = input
        self.inputIsDefault = inputIsDefault
        self.version = version
        self.owner = owner
        self.ownerIsInherited = ownerIsInherited
        self.tags = tags
        self.automation = automation
        self.contract = contract
        self.checks = checks
        self.access = access
        self.retention = retention
        self.drift = drift
        self.retiredVersions = retiredVersions
        self.location = location
    }

    /// The version a product has when its file gives none.
    public static let defaultVersion = SemVer(major: 1, minor: 0, patch: 0)

    /// When it is refreshed by itself, in its time zone; nil: only when asked or by `automation`.
    public var schedule: Cron? {
        get { automation.schedule }
        set { automation.schedule = newValue }
    }

    public var sla: ServiceLevel {
        get { automation.sla }
        set { automation.sla = newValue }
    }

    /// `domain.product`.
    public var qualifiedName: String { "\(domain).\(name)" }

    /// What follows a product's name in the view of one of its earlier majors, with the major:
    /// `orders__v1` serves major 1 until its consumers move to the new one.
    public static let previousMajorSuffix = "__v"
}
