/// `domain.product.column`, as `relationship.to` names a column of another product.
public struct ColumnReference: Sendable, Hashable, CustomStringConvertible {
    public var domain: String
    public var product: String
    public var column: String

    public init(domain: String, product: String, column: String) {
        self.domain = domain
        self.product = product
        self.column = column
    }

    /// nil unless `text` is three valid names joined by dots.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy(Name.isValid) else { return nil }
        self.init(domain: parts[0], product: parts[1], column: parts[2])
    }

    public var description: String { "\(domain).\(product).\(column)" }
}
