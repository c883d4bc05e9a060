/// What a node of the mesh DAG is.
public enum NodeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case source, model, product

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// A node of the mesh DAG: a source, model or product of one domain.
///
/// A model and the product that publishes it usually share a name (`sales.daily_revenue`), so the
/// kind is part of the identity. ``id`` is the stable text form, as dbt writes its unique ids:
/// `source.sales.orders`, `model.sales.daily_revenue`, `product.sales.daily_revenue`.
public struct NodeID: Sendable, Hashable, Comparable, CustomStringConvertible {
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
}
