import TesseraModel

/// Classifies table references against the names that exist in the mesh:
/// `src.<source>` is a source of the same domain, a bare `<model>` a model of the same domain,
/// `<domain>.<product>` a domain's published product, `<domain>.<product>__v<N>` the previous major
/// version `N` of that product, kept readable after a major bump. Names match without
/// regard to case, as in DuckDB.
public struct DependencyResolver: Hashable, Sendable {
    public enum Resolution: Hashable, Sendable, CustomStringConvertible {
        case source(String)
        case model(String)
        /// `major` is set for `<domain>.<product>__v<N>`: the product's major version `N`, served
        /// beside the current one. The DAG depends on the product either way.
        case product(domain: String, name: String, major: Int? = nil)
        /// Nothing of that name; `suggestion` is the closest name as it would be written in SQL.
        case unknown(suggestion: String?)

        public var description: String {
            switch self {
            case .source(let name): "source src.\(name)"
            case .model(let name): "model \(name)"
            case .product(let domain, let name, let major):
                "product \(domain).\(name)" + (major.map { "\(Product.previousMajorSuffix)\($0)" } ?? "")
            case .unknown(let suggestion): "unknown" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            }
        }
    }

    /// The schema that names a domain's own sources.
    public static let sourceSchema = "src"

    private let sources: [String: [String]]
    private let models: [String: [String]]
    private let products: [String: [String]]
    /// The same names by lowercased domain, then lowercased name: resolving is a lookup, not a
    /// scan (a mesh of 2,000 models resolves 4,000 references).
    private let sourceIndex: [String: [String: String]]
    private let modelIndex: [String: [String: String]]
    private let productIndex: [String: [String: String]]

    /// Names per domain: `sources["sales"] = ["orders"]`, and so on.
    public init(sources: [String: [String]], models: [String: [String]], products: [String: [String]]) {
        func lowered(_ names: [String: [String]]) -> [String: [String]] {
            Dictionary(names.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        }
        self.sources = lowered(sources)
        self.models = lowered(models)
        self.products = lowered(products)
        func index(_ names: [String: [String]]) -> [String: [String: String]] {
            names.mapValues { list in
                Dictionary(list.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            }
        }
        sourceIndex = index(self.sources)
        modelIndex = index(self.models)
        productIndex = index(self.products)
    }

    public func resolve(_ reference: TableReference, domain: String) -> Resolution {
        resolve(reference.relation, domain: domain)
    }

    public func resolve(_ relation: RelationName, domain: String) -> Resolution {
        let domain = domain.lowercased()
        let name = relation.name.lowercased()
        if relation.catalog == nil {
            switch relation.schema?.lowercased() {
            case nil:
                if let model = modelIndex[domain]?[name] { return .model(model) }
            case Self.sourceSchema?:
                if let source = sourceIndex[domain]?[name] { return .source(source) }
            case let other?:
                if let product = productIndex[other]?[name] {
                    return .product(domain: other, name: product)
                }
                if case let (base, major)? = Self.splitVersion(name), let product = productIndex[other]?[base] {
                    return .product(domain: other, name: product, major: major)
                }
            }
        }
        let candidates = candidates(domain: domain)
        // A previous version of an unknown product: suggest the product's name with the same suffix.
        if relation.catalog == nil, let schema = relation.schema, schema.lowercased() != Self.sourceSchema,
            case let (base, major)? = Self.splitVersion(relation.name)
        {
            let products = candidates.filter { $0.contains(".") && !$0.lowercased().hasPrefix(Self.sourceSchema + ".") }
            let suggestion = closestName(to: "\(schema).\(base)", among: products)
            return .unknown(suggestion: suggestion.map { "\($0)\(Product.previousMajorSuffix)\(major)" })
        }
        // The right name in the wrong place (`orders` for `src.orders`) first, then typos.
        if let sameName = candidates.first(where: {
            $0.split(separator: ".").last?.lowercased() == name && $0.lowercased() != relation.description.lowercased()
        }) {
            return .unknown(suggestion: sameName)
        }
        return .unknown(suggestion: closestName(to: relation.description, among: candidates))
    }

    /// `orders__v1` → (`orders`, 1). Nil for a name without the suffix, or a version that is not a
    /// plain positive number (`__v01`, `__v0`): those name nothing, so they get a suggestion.
    static func splitVersion(_ name: String) -> (base: String, major: Int)? {
        guard let range = name.ranges(of: Product.previousMajorSuffix).last else { return nil }
        let base = name[..<range.lowerBound], digits = name[range.upperBound...]
        guard !base.isEmpty, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), !digits.hasPrefix("0"),
            let major = Int(digits)
        else { return nil }
        return (String(base), major)
    }

    /// An error for every reference that names nothing, pointing at it, with a suggestion.
    public func diagnostics(for references: [TableReference], domain: String) -> [Diagnostic] {
        references.compactMap { reference in
            guard case .unknown(let suggestion) = resolve(reference, domain: domain) else { return nil }
            let hint =
                suggestion.map { "did you mean '\($0)'?" }
                ?? "write src.<source> for a source of this domain, <model> for a model of this domain, <domain>.<product> for a data product"
            return .error("unknown table '\(reference.relation)'", at: reference.location, hint: hint)
        }
    }

    /// Every name the SQL of `domain` could use, as it would be written; the domain's own names first.
    private func candidates(domain: String) -> [String] {
        var names = (models[domain] ?? []) + (sources[domain] ?? []).map { "\(Self.sourceSchema).\($0)" }
        for (productDomain, productNames) in products.sorted(by: { $0.key < $1.key }) {
            names += productNames.map { "\(productDomain).\($0)" }
        }
        return names
    }
}
