import Synchronization

/// Ranked search results of one SQLite catalog, kept while its metadata stays as it was: a
/// search is several FTS5 queries ranking every matching document, and a service answers the
/// same few searches (a type-ahead box, a popular word) over and over between two recordings.
///
/// Exact, not timed: every entry belongs to the metadata `stamp` (fingerprint and recording
/// time) read in the same read transaction as the lookup, and a search under another stamp
/// empties the cache first. Recording metadata always writes a new stamp, whichever process
/// records it.
final class SearchResultCache: Sendable {
    struct Key: Hashable {
        var query: CatalogQuery
        var limit: Int
    }

    private struct Entries {
        var stamp = ""
        var hits: [Key: [CatalogSearchHit]] = [:]
    }

    /// Enough for the searches people repeat; emptied whole when full, simpler than LRU and rare.
    static let capacity = 256
    private let entries = Mutex(Entries())

    func hits(for key: Key, stamp: String) -> [CatalogSearchHit]? {
        entries.withLock { $0.stamp == stamp ? $0.hits[key] : nil }
    }

    func store(_ hits: [CatalogSearchHit], for key: Key, stamp: String) {
        entries.withLock { entries in
            if entries.stamp != stamp || entries.hits.count >= Self.capacity {
                entries = Entries(stamp: stamp)
            }
            entries.hits[key] = hits
        }
    }
}
