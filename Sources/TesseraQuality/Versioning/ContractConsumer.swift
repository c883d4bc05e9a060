/// A model or product that reads a product's columns, as ``BreakingChangeRule`` lists it.
///
/// TesseraQuality does not see the mesh DAG; the caller finds consumers with TesseraTransform's
/// `ProductConsumers` and hands them over in this form.
public struct ContractConsumer: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `model` or `product`.
    public var kind: String
    public var domain: String
    public var name: String
    public var file: String
    /// The columns it reads, sorted.
    public var columns: [String]
    /// It reads through a `*`: every column, by position.
    public var readsAllColumns: Bool

    public init(
        kind: String, domain: String, name: String, file: String, columns: [String] = [], readsAllColumns: Bool = false
    ) {
        self.kind = kind
        self.domain = domain
        self.name = name
        self.file = file
        self.columns = columns
        self.readsAllColumns = readsAllColumns
    }

    /// `model marketing.campaigns (domains/marketing/models/campaigns.sql)`.
    public var description: String { "\(kind) \(domain).\(name) (\(file))" }

    public static func < (lhs: ContractConsumer, rhs: ContractConsumer) -> Bool {
        (lhs.domain, lhs.name, lhs.kind) < (rhs.domain, rhs.name, rhs.kind)
    }
}
