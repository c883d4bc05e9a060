import Foundation
import Synchronization
import TesseraQuality

extension CatalogShowReport.ProfileSummary {
    /// The summary of a stored profile, from its JSON; nil when it does not decode. Each distinct
    /// profile is decoded once per process: a published snapshot's profile never changes, and
    /// decoding it with `JSONDecoder` was the largest single cost of serving a product page.
    static func of(json: String) -> Self? {
        if let known = decoded.withLock({ $0[json] }) { return known }
        guard let profile = try? JSONDecoder().decode(Profile.self, from: Data(json.utf8)) else { return nil }
        let summary = Self(
            rows: profile.rowCount,
            columns: profile.columns.map(Column.init))
        decoded.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[json] = summary
        }
        return summary
    }

    /// Enough for the products a service's readers look at; emptied whole when full.
    private static let capacity = 512
    private static let decoded = Mutex<[String: Self]>([:])
}

extension CatalogShowReport.ProfileSummary.Column {
    /// A profiled column's summary. The profile holds no value of a `pii` or masked column (the
    /// profiler leaves them out), so none can appear here.
    init(_ column: ColumnProfile) {
        self.init(
            name: column.name, nulls: column.nulls, distinct: column.distinct, min: column.min?.description,
            max: column.max?.description, kind: column.kind.rawValue, count: column.count,
            top: column.topValues?.map { .init(value: $0.value.description, count: $0.count) },
            quantiles: column.quantiles?.map { .init(p: $0.p, value: $0.value) })
    }
}
