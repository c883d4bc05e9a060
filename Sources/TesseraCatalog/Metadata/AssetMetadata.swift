import TesseraModel

/// A source, model or product as the catalog describes it. Product-only fields (version,
/// schedule, SLA, access, contract) are nil or empty for sources and models.
public struct AssetMetadata: Sendable, Hashable, Codable {
    /// A column mask applied for readers outside the owning domain.
    public struct Mask: Sendable, Hashable, Codable {
        public var column: String
        /// `hash`, `redact`, `null` or `partial`.
        public var kind: String

        public init(column: String, kind: String) {
            self.column = column
            self.kind = kind
        }
    }

    public var id: NodeID
    public var description: String?
    /// A product's own owner or its domain's; a source's or model's is its domain's.
    public var owner: String?
    public var tags: [String]
    /// The file that defines it, relative to the project root.
    public var file: String?
    public var version: String?
    /// The cron expression as written.
    public var schedule: String?
    /// `sla.freshness` as written (`1d`) and in seconds.
    public var freshness: String?
    public var freshnessSeconds: Double?
    /// Domains that may read it; nil: every domain.
    public var readers: [String]?
    public var roles: [String]
    public var masks: [Mask]
    /// The product's contract as JSON (TesseraQuality's `ContractDocument`), kept as text.
    public var contract: String?
    /// In position order. Empty in listings, which leave columns out to stay fast.
    public var columns: [ColumnMetadata]

    public init(
        id: NodeID, description: String? = nil, owner: String? = nil, tags: [String] = [], file: String? = nil,
        version: String? = nil, schedule: String? = nil, freshness: String? = nil, freshnessSeconds: Double? = nil,
        readers: [String]? = nil, roles: [String] = [], masks: [Mask] = [], contract: String? = nil,
        columns: [ColumnMetadata] = []
    ) {
        self.id = id
        self.description = description
        self.owner = owner
        self.tags = tags
        self.file = file
        self.version = version
        self.schedule = schedule
        self.freshness = freshness
        self.freshnessSeconds = freshnessSeconds
        self.readers = readers
        self.roles = roles
        self.masks = masks
        self.contract = contract
        self.columns = columns
    }
}
