/// A person who belongs to a domain (`members:` in domain.yaml): what they may do with its nodes.
/// Every member reads the domain's products in clear; the role says what else they may do.
public struct Member: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Reads the domain's products in clear, and its own work (sources, models).
        case reader
        /// A reader who also runs, triggers and cancels the domain's nodes.
        case developer
        /// A developer who answers for the domain: its contracts, access and members.
        case owner

        private var rank: Int {
            switch self {
            case .reader: 0
            case .developer: 1
            case .owner: 2
            }
        }

        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
    }

    /// How people sign in: a name, usually an e-mail address (`ana@acme.example`).
    public var name: String
    public var role: Role
    public var location: SourceLocation

    public init(name: String, role: Role, location: SourceLocation) {
        self.name = name
        self.role = role
        self.location = location
    }
}
