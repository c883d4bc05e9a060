/// A domain as the catalog describes it (domain.yaml).
public struct DomainMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var owner: String?
    public var description: String?
    public var tags: [String]

    public init(name: String, owner: String? = nil, description: String? = nil, tags: [String] = []) {
        self.name = name
        self.owner = owner
        self.description = description
        self.tags = tags
    }
}
