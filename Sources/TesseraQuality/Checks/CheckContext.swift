import Foundation
import TesseraModel

/// What a ``CheckPlan`` needs beyond the checks: the clock, the previous snapshot's size, where
/// referenced products live, and the product's columns and masks for samples.
public struct CheckContext: Sendable {
    /// What `freshness` compares with (UTC).
    public var now: Date
    /// The row count of the current snapshot, for `row_count_change`; nil: there is none.
    public var previousRowCount: Int64?
    /// The relation SQL (table, view or `read_parquet(...)`) of each product a `relationship`
    /// check points to, keyed by the referenced column. A missing entry makes the check `error`.
    public var relations: [ColumnReference: String]
    /// The product's columns, in order: what samples show. Empty: every column of the relation.
    public var columns: [ContractColumn]
    public var masks: [Access.Mask]

    public init(
        now: Date = Date(), previousRowCount: Int64? = nil, relations: [ColumnReference: String] = [:],
        columns: [ContractColumn] = [], masks: [Access.Mask] = []
    ) {
        self.now = now
        self.previousRowCount = previousRowCount
        self.relations = relations
        self.columns = columns
        self.masks = masks
    }

    /// The context of `product`: its contract's columns, and the masks of a reader outside its
    /// domain (its declared masks and its pii columns, as `ReadPolicy` applies them): samples of
    /// failing rows are shown to such readers too, and never reveal more than their view.
    public init(
        product: Product, now: Date = Date(), previousRowCount: Int64? = nil,
        relations: [ColumnReference: String] = [:]
    ) {
        self.init(
            now: now, previousRowCount: previousRowCount, relations: relations,
            columns: product.contract.columns, masks: ReadPolicy.masks(of: product))
    }

    public func relation(for reference: ColumnReference) -> String? { relations[reference] }

    public func mask(for column: String) -> Access.Mask? { masks.first { $0.column == column } }
}
