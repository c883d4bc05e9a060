/// One column of a source, model or product. A product's columns come from its contract and
/// carry every field; a model's or a source's carry what their YAML declares (often a name and a
/// description only).
public struct ColumnMetadata: Sendable, Hashable, Codable {
    /// 0-based, in declaration order.
    public var position: Int
    public var name: String
    public var type: String?
    public var nullable: Bool?
    public var description: String?
    /// `public`, `internal`, `confidential` or `pii`; nil when not declared.
    public var classification: String?
    public var tags: [String]

    public init(
        position: Int, name: String, type: String? = nil, nullable: Bool? = nil, description: String? = nil,
        classification: String? = nil, tags: [String] = []
    ) {
        self.position = position
        self.name = name
        self.type = type
        self.nullable = nullable
        self.description = description
        self.classification = classification
        self.tags = tags
    }
}
