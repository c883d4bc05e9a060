/// What the extract stage hands to the landing stage: a query that produces the raw batch, and
/// what to remember about where it came from.
struct Extraction {
    /// A `SELECT` producing the batch exactly as extracted (source names, no standardizing).
    var selectSQL: String
    /// Files read, to record with the load (file connectors).
    var files: [FileFingerprint] = []
    /// The temp tables where DuckDB's CSV reader put the lines it could not parse
    /// (`store_rejects`), one pair per reader call.
    var csvRejectTables: [(errors: String, scans: String)] = []
    /// Files or pages read.
    var inputs: Int
    /// True when the extract already kept only rows at or past the cursor's mark (e.g. pushed
    /// into PostgreSQL); the rows at the mark still need comparing with what is loaded.
    var cursorApplied = false
    /// Sets of extracted columns (source names) the source guarantees unique in this batch, e.g.
    /// a PostgreSQL table's primary key: a `primary_key` covering one needs no dedup.
    var uniqueKeys: [[String]] = []
}

/// What the extract stage found: a batch to land, or nothing new since the last load.
enum ExtractOutcome {
    case batch(Extraction)
    case nothingNew(inputs: Int)
}
