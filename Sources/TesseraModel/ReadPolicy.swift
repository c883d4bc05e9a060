/// The one read policy: whether a principal reads a product in clear, masked, or not at all.
/// Every read asks it — `tessera query`, the views a model of another domain reads, check samples,
/// and every front end to come — so no two places can disagree.
///
/// - The owning domain (a model of it, `--as-domain`, its service identities, its members) reads
///   in clear.
/// - A domain in `access.readers` (every domain when the list is absent) reads with masks, and so
///   do its service identities and its members — people only if `access.roles`, when given, names
///   their role in that domain. Mesh admins and the local operator read every product masked.
/// - Anyone else is refused.
///
/// Masks are the product's declared `access.masks` plus every `pii` column the product leaves
/// unmasked: governance says pii never leaves its domain in clear, whatever `readers` says.
public struct ReadPolicy: Sendable {
    public let project: Project

    public init(project: Project) {
        self.project = project
    }

    public func decide(_ principal: Principal, reads product: Product) -> ReadDecision {
        let rights = rights(of: principal)
        if rights.ownDomains.contains(product.domain) { return .clear }
        if rights.admin || rights.consumes(product) { return .masked(Self.masks(of: product)) }
        return .refused(refusal(of: principal, reading: product))
    }

    /// The masks a reader outside the owning domain gets for `columns` (the product's contract by
    /// default; an earlier major's own columns for its `__v<N>` view).
    public static func masks(of product: Product, columns: [ContractColumn]? = nil) -> [Access.Mask] {
        (columns ?? product.contract.columns).compactMap { column in
            if let declared = product.access.mask(for: column.name) { return declared }
            let current = product.contract.column(named: column.name)
            guard column.classification == .pii || current?.classification == .pii else { return nil }
            return Access.Mask(column: column.name, kind: defaultKind(for: column.type), location: column.location)
        }
    }

    /// The mask of a pii column that declares none: text is redacted; other types become NULL,
    /// which keeps the column's type for consumers.
    static func defaultKind(for type: String) -> Access.Mask.Kind {
        let base = type.uppercased()
        return ["VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR"].contains { base.hasPrefix($0) } ? .redact : .null
    }

    /// What a principal acts as: the domains it reads in clear, the domains (with the person's
    /// role, when a person) it consumes through, and whether it is a mesh admin.
    struct Rights {
        var admin = false
        var ownDomains: Set<String> = []
        /// Domain → the person's role there; nil for a domain acting itself (no role applies).
        var consumingAs: [String: Member.Role?] = [:]

        func consumes(_ product: Product) -> Bool {
            consumingAs.contains { domain, role in
                guard product.access.readers.map({ $0.contains(domain) }) ?? true else { return false }
                guard let role, !product.access.roles.isEmpty else { return true }
                return product.access.roles.contains(role.rawValue)
            }
        }
    }

    func rights(of principal: Principal) -> Rights {
        switch principal {
        case .meshOperator:
            return Rights(admin: true)
        case .domain(let name):
            return project.domain(named: name) == nil ? Rights() : Rights(ownDomains: [name], consumingAs: [name: nil])
        case .service(let name):
            guard let domain = project.domains.first(where: { $0.services.contains { $0.name == name } }) else {
                return Rights()
            }
            return Rights(ownDomains: [domain.name], consumingAs: [domain.name: nil])
        case .person(let name):
            var rights = Rights(admin: project.mesh.admins.contains(name))
            for domain in project.domains {
                guard let member = domain.members.first(where: { $0.name == name }) else { continue }
                rights.ownDomains.insert(domain.name)
                rights.consumingAs[domain.name] = member.role
            }
            return rights
        }
    }

    private func refusal(of principal: Principal, reading product: Product) -> String {
        let who: String
        switch product.access.readers {
        case nil: who = "domains and their members read it"
        case let readers? where readers.isEmpty:
            who = "only domain \(product.domain) reads it (its access.readers is empty)"
        case let readers?:
            who = "domain \(product.domain) and its readers (\(readers.joined(separator: ", "))) read it"
        }
        let roles =
            product.access.roles.isEmpty
            ? "" : "; people in a reader domain need the role \(product.access.roles.joined(separator: " or "))"
        return "\(principal) may not read \(product.qualifiedName): \(who)\(roles)"
    }
}
