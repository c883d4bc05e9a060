/// A node of the mesh DAG: a source, model or product of one domain.
///
/// A model and the product that publishes it usually share a name (`sales.daily_revenue`), so the
/// kind is part of the identity. ``id`` is the stable text form, as dbt writes its unique ids:
/// `source.sales.orders`, `model.sales.daily_revenue`, `product.sales.daily_revenue`.
public struct NodeID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var kind: NodeKind
    public var domain: String
    public var name: String

    public init(_ kind: NodeKind, _ domain: String, _ name: String) {
        self.kind = kind
        self.domain = domain
        self.name = name
    }

    public var id: String { "\(kind.rawValue).\(domain).\(name)" }

    /// How people write it: `sales.src.orders` for a source (as a model's SQL reads it, qualified
    /// by its domain), `sales.daily_revenue` for a model or a product.
    public var displayName: String {
        kind == .source ? "\(domain).src.\(name)" : "\(domain).\(name)"
    }

    public var description: String { id }

    /// Parses ``id``.
    public init?(id: String) {
        let parts = id.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3, let kind = NodeKind(rawValue: parts[0]) else { return nil }
        self.init(kind, parts[1], parts[2])
    }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
        (lhs.domain, lhs.name, lhs.kind) < (rhs.domain, rhs.name, rhs.kind)
    }

    /// Encoded as ``id``, the form people and other tools read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = NodeID(id: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a node id (kind.domain.name): \(text)")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
