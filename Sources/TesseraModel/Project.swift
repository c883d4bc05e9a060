import Foundation

/// A whole mesh project as read from its files: the mesh settings and every domain.
public struct Project: Sendable, Hashable {
    /// The folder holding tessera.yaml.
    public var root: URL
    public var mesh: Mesh
    /// Sorted by name.
    public var domains: [Domain]

    public init(root: URL, mesh: Mesh, domains: [Domain]) {
        self.root = root
        self.mesh = mesh
        self.domains = domains
    }

    public func domain(named name: String) -> Domain? { domains.first { $0.name == name } }

    /// `domain.product`, e.g. `sales.orders`.
    public func product(_ qualifiedName: String) -> Product? {
        let parts = qualifiedName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return domain(named: String(parts[0]))?.product(named: String(parts[1]))
    }
}
