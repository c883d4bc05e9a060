/// How a model is built (`materialized:` and its `incremental:` or `snapshot:` block).
///
/// The `snapshot` materialization is `.scd2` here: "snapshot" in the code always means a data
/// product's published version, and this is a model's SCD type 2 history instead.
public enum Materialization: Sendable, Hashable {
    case view
    case table
    case incremental(IncrementalStrategy)
    /// `materialized: snapshot`.
    case scd2(SCD2Strategy)

    /// The value written after `materialized:`.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case view, table, incremental, snapshot
    }

    public var kind: Kind {
        switch self {
        case .view: .view
        case .table: .table
        case .incremental: .incremental
        case .scd2: .snapshot
        }
    }
}

/// The `incremental:` block: interval mode or key mode, exactly one.
public enum IncrementalStrategy: Sendable, Hashable {
    /// The SQL filters on `@start`/`@end`; rebuilding an interval replaces exactly that interval.
    case interval(timeColumn: String)
    /// New rows replace the rows with the same key.
    case uniqueKey([String])
}

/// The `snapshot:` block of `materialized: snapshot`: SCD type 2 history keyed by `unique_key`.
public struct SCD2Strategy: Sendable, Hashable {
    public enum ChangeDetection: Sendable, Hashable {
        /// A row changed when this column moved forward.
        case updatedAt(String)
        /// A row changed when any of these columns differ.
        case checkColumns([String])
    }

    public var uniqueKey: [String]
    public var changeDetection: ChangeDetection

    public init(uniqueKey: [String], changeDetection: ChangeDetection) {
        self.uniqueKey = uniqueKey
        self.changeDetection = changeDetection
    }
}
