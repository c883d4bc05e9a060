/// One comparison between two profiles: what was measured, against which limit, and whether the
/// limit was passed.
public struct DriftFinding: Codable, Sendable, Hashable {
    public enum Metric: String, Codable, Sendable, Hashable {
        case rowCountChange = "row_count_change"
        case nullRateChange = "null_rate_change"
        case psi
        case newCategories = "new_categories"
        case vanishedCategories = "vanished_categories"
        case typeChanged = "type_changed"
        case columnAdded = "column_added"
        case columnRemoved = "column_removed"
    }

    /// nil for the table as a whole.
    public var column: String?
    public var metric: Metric
    /// Percent for row counts, percentage points for null rates, the index for PSI, the number
    /// of categories for new and vanished categories.
    public var value: Double
    /// nil where any occurrence is worth reporting (schema changes, categories).
    public var threshold: Double?
    public var exceeded: Bool
    public var message: String
    /// The categories that appeared or vanished.
    public var values: [ProfileValue]?

    public init(
        column: String?, metric: Metric, value: Double, threshold: Double?, exceeded: Bool,
        message: String, values: [ProfileValue]? = nil
    ) {
        self.column = column
        self.metric = metric
        self.value = value
        self.threshold = threshold
        self.exceeded = exceeded
        self.message = message
        self.values = values
    }
}
