/// A model, product or dashboard that reads a product's columns, as ``BreakingChangeRule`` lists
/// it. A dashboard is listed once per chart (or category parameter) that reads them.
///
/// TesseraQuality does not see the mesh DAG; the caller finds consumers with TesseraTransform's
/// `ProductConsumers` and hands them over in this form.
public struct ContractConsumer: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `model`, `product` or `dashboard`.
    public var kind: String
    public var domain: String
    public var name: String
    public var file: String
    /// The columns it reads, sorted.
    public var columns: [String]
    /// It reads through a `*`: every column, by position.
    public var readsAllColumns: Bool
    /// The part of a dashboard that reads them: `chart 'Revenue by country'`, `parameter 'country'`.
    public var part: String?

    public init(
        kind: String, domain: String, name: String, file: String, columns: [String] = [], readsAllColumns: Bool = false,
        part: String? = nil
    ) {
        self.kind = kind
        self.domain = domain
        self.name = name
        self.file = file
        self.columns = columns
        self.readsAllColumns = readsAllColumns
        self.part = part
    }

    /// `model finance.revenue`, `dashboard sales.overview chart 'Revenue by country'`.
    public var label: String { "\(kind) \(domain).\(name)" + (part.map { " \($0)" } ?? "") }

    /// `model marketing.campaigns (domains/marketing/models/campaigns.sql)`.
    public var description: String { "\(label) (\(file))" }

    public static func < (lhs: ContractConsumer, rhs: ContractConsumer) -> Bool {
        (lhs.domain, lhs.name, lhs.kind, lhs.part ?? "") < (rhs.domain, rhs.name, rhs.kind, rhs.part ?? "")
    }
}
