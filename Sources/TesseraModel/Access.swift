/// The `access:` block of a product.
public struct Access: Sendable, Hashable {
    /// A column mask applied for readers outside the owning domain.
    public struct Mask: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case hash, redact, null, partial
        }

        public var column: String
        public var kind: Kind
        public var location: SourceLocation

        public init(column: String, kind: Kind, location: SourceLocation) {
            self.column = column
            self.kind = kind
            self.location = location
        }
    }

    /// Domains that may consume the product; nil: every domain.
    public var readers: [String]?
    /// People's roles that may query it; empty: no restriction by role.
    public var roles: [String]
    public var masks: [Mask]

    public init(readers: [String]? = nil, roles: [String] = [], masks: [Mask] = []) {
        self.readers = readers
        self.roles = roles
        self.masks = masks
    }

    public func mask(for column: String) -> Mask? { masks.first { $0.column == column } }
}
