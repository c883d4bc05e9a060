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
            columns: profile.columns.map {
                .init(
                    name: $0.name, nulls: $0.nulls, distinct: $0.distinct, min: $0.min?.description,
                    max: $0.max?.description)
            })
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
