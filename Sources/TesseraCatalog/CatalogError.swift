/// Why the catalog could not do what was asked, said the way a user can act on it: what went
/// wrong, which file, what to do. GRDB and SQLite types never appear here: a PostgreSQL store
/// reports through the same value, so callers handle one error type whatever the backend.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The catalog cannot be created, opened or written: permissions, a full disk, a missing folder.
        case unavailable
        /// The file is not a SQLite database, or it is damaged.
        case corrupt
        /// The file was written by a newer Tessera whose schema this binary does not know.
        case newerSchema
        /// Another process held the write lock for longer than the busy timeout.
        case busy
        /// No run or snapshot has the given id.
        case notFound
        /// A run id prefix matches more than one run.
        case ambiguous
        /// The request contradicts what is stored: a duplicate id, publishing a quarantined snapshot.
        case conflict
        /// The task was cancelled before the catalog answered; nothing was written.
        case cancelled
        /// Anything else: a bug in Tessera or an unexpected database answer.
        case `internal`
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    /// The catalog file concerned, when there is one (a PostgreSQL store leaves it nil).
    public var file: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, file: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.file = file
    }

    public var description: String {
        hint.map { "\(message) (\($0))" } ?? message
    }
}
