/// One way a product's data does not match its contract.
public struct ContractViolation: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// A contract column the input or the written snapshot lacks.
        case missingColumn = "missing_column"
        /// A column whose type is neither the contract's nor an allowed widening of it.
        case incompatibleType = "incompatible_type"
        /// A contract type DuckDB does not know.
        case unknownType = "unknown_type"
        /// A written column the contract does not have.
        case unexpectedColumn = "unexpected_column"
        /// The written columns are the contract's, in another order.
        case wrongOrder = "wrong_order"
        case nullInNonNullable = "null_in_non_nullable"
        case duplicateKey = "duplicate_key"
        case nullKey = "null_key"
    }

    public var column: String?
    public var kind: Kind
    public var message: String
    public var failingRows: Int64?

    public init(column: String? = nil, kind: Kind, message: String, failingRows: Int64? = nil) {
        self.column = column
        self.kind = kind
        self.message = message
        self.failingRows = failingRows
    }
}
