/// Who is asking. Every read and every run is done on behalf of a principal; ``ReadPolicy``
/// decides from it, and from the project's `admins:`, `members:`, `services:` and each product's
/// `access`, what may be read and what is masked.
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    /// The person at the terminal of a local project. It may read every product, as a mesh admin
    /// does, with the masks of a reader outside every domain.
    case meshOperator
    /// Acting with exactly one domain's rights: a model of that domain, or `--as-domain`.
    case domain(String)
    /// A person by name: a mesh admin (`admins:` in tessera.yaml), a member of domains
    /// (`members:` in domain.yaml), or both; a name the project does not know may read nothing.
    case person(String)
    /// A service identity (`services:` in a domain.yaml): its domain's rights.
    case service(String)

    public var description: String {
        switch self {
        case .meshOperator: "the mesh operator"
        case .domain(let name): "domain \(name)"
        case .person(let name): name
        case .service(let name): "service \(name)"
        }
    }
}
