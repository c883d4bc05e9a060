/// The `schema:` block of a source: what is expected to arrive.
public struct SourceSchema: Sendable, Hashable {
    public enum OnChange: String, Sendable, Hashable, CaseIterable {
        /// Add new columns as they appear.
        case evolve
        /// Fail the load when the columns change.
        case freeze
    }

    public struct Column: Sendable, Hashable {
        public var name: String
        /// A DuckDB type as written, e.g. `DECIMAL(12,2)`.
        public var type: String
        public var nullable: Bool
        public var description: String?
        /// Where sensitive data enters the mesh: a `pii` source column makes every column derived
        /// from it `pii` (classification propagation, docs/lineage.md). Nil: not declared.
        public var classification: Classification?
        public var location: SourceLocation

        public init(
            name: String, type: String, nullable: Bool = true, description: String? = nil,
            classification: Classification? = nil, location: SourceLocation
        ) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.description = description
            self.classification = classification
            self.location = location
        }
    }

    public var onChange: OnChange
    /// The fraction of rows (0…1) that may be rejected before the load fails.
    public var maxRejected: Double
    public var columns: [Column]

    public init(onChange: OnChange = .evolve, maxRejected: Double = 0, columns: [Column] = []) {
        self.onChange = onChange
        self.maxRejected = maxRejected
        self.columns = columns
    }
}
