/// Who is asking. Every read and every run is done on behalf of a principal, and the policy
/// decides from it what may be read and what is masked.
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    /// The person at the terminal of a local project: reads products as a consumer outside every
    /// domain does (masks applied).
    case meshOperator
    /// Acting with exactly one domain's rights (`--as-domain`): its own products in clear.
    case domain(String)

    /// The domain whose products this principal reads in clear, if any.
    var domain: String? {
        if case .domain(let name) = self { name } else { nil }
    }

    public var description: String {
        switch self {
        case .meshOperator: "the mesh operator"
        case .domain(let name): "domain \(name)"
        }
    }
}
