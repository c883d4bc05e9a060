// The default catalog: one SQLite file per environment, `<project>/.tessera/<env>/catalog.sqlite`.
//
// Schema (see `CatalogSchema` for the DDL; GRDB's `grdb_migrations` table records which named
// migrations a file has): `run` holds one row per command invocation; `node_run` one row per
// (run, node), upserted as the run progresses and listed in first-recorded order (rowid);
// `snapshot` one row per product snapshot, where a partial unique index on `product WHERE
// status = 'current'` makes "at most one current snapshot per product" a fact of the file, not
// a hope of the code. Dates are GRDB's UTC text (`YYYY-MM-DD HH:MM:SS.SSS`, millisecond
// precision), readable by `sqlite3` and SQLite's date functions; enums are their raw strings;
// `run.arguments` is a JSON array. Since `v2_quality`: `snapshot.contract` (the contract JSON it
// was published with); `check_run` one row per check result, numbered by `pass` (one
// `recordChecks` call); `snapshot_profile` and `snapshot_drift` one row per snapshot; and
// `snapshot_reader` one row per (lease, snapshot) a process reads. All four hang off `snapshot`
// with ON DELETE CASCADE, so garbage collection deletes one row and its satellites go with it.
// Quality results are JSON text the catalog keeps without reading.
// Since `v6_tokens`: `token`, one row per sign-in token, holding the SHA-256 of its secret and
// never the secret (`SQLiteCatalog+Tokens`).
// Since `v7_automation`: `queued_run`, the service's run queue (a run is claimed in one write
// transaction); `automation_node`, each node's automation state; `automation_decision` and its
// bounded `automation_decision_history` (`SQLiteCatalog+Automation`, `+AutomationState`).
// Since `v8_alerts`: `alert`, the alerts outbox, one row
// per (event, webhook), naming the webhook by where it is declared and a key, never its URL
// (`SQLiteCatalog+Alerts`).
//
// Garbage collection deletes rows first, then folders (`removeSnapshots`): a crash in between
// leaves a folder without a row, which the next collection removes; never a row without its
// folder, which a reader could resolve.
//
// Concurrency: a `DatabasePool` in WAL mode. Readers (any number of connections and processes)
// read a consistent snapshot and never wait for the writer; writers take the write lock at the
// start of each transaction (`BEGIN IMMEDIATE`, GRDB's default) and wait for another process's
// writer for up to `busyTimeout`, so no write fails half-way with SQLITE_BUSY. Every operation
// is one short transaction: a publish flips two rows in one commit, so a reader sees the old
// current snapshot or the new one, never none or both. `synchronous = NORMAL` under WAL syncs
// only at checkpoints: a power loss may drop the last commits, but never corrupts the file or
// splits a transaction, and recording 2,000 nodes costs one WAL append instead of 2,000 fsyncs.
// For the same reason the log is not checkpointed when a process closes the catalog (SQLite's
// default): that checkpoint's fsync cost 60 ms at the end of each publish of benchmark W3b (a
// 2 s command; a quiet small file syncs in under 1 ms on the same disk). SQLite
// checkpoints on its own once the log reaches 1,000 pages, and `catalog.sqlite-wal` stays
// beside the file, part of it, between commands. But the first process to open the file reads
// the whole log to index it, and one large transaction leaves a large log (289 MB after loading
// W4's 10,000 products: 130 ms more for every `catalog search`): a log above `largeLog` is
// folded back and truncated when the catalog is opened and when it is released. The one write
// that is synced at once is the removal of snapshots (`writingDurably`): their folders are
// deleted right after, and a power loss must not bring back a row whose folder is gone.
import CSQLiteOptions
import Foundation
internal import GRDB

/// The catalog in a local SQLite file (`StateLayout.catalogFile`). Opening it creates the file and its folders, applies
/// missing migrations, and refuses a file written by a newer Tessera.
public final class SQLiteCatalog: CatalogStore {
    /// The catalog file (for an in-memory catalog: where its audit head file goes).
    public let file: URL
    /// A pool of WAL connections over the file, or one connection to an in-memory database.
    let pool: any DatabaseWriter
    /// This host's name, looked up once: the read paths compare every `running` run against it.
    let host: String
    /// Ranked searches of the metadata as recorded now (`search`).
    let searchCache = SearchResultCache()

    /// How long a writer waits for another process's write transaction before giving up.
    public static let busyTimeout: TimeInterval = 10
    /// The size above which the write-ahead log is folded back into the file (see the top).
    static let largeLog = 8 << 20

    public init(file: URL) throws(CatalogError) {
        self.file = file
        self.host = ProcessLiveness.currentHost
        try Self.createFolder(for: file)
        do {
            pool = try DatabasePool(path: file.path, configuration: Self.configuration())
            try CatalogSchema.migrate(pool)
        } catch {
            throw CatalogErrorMapping.map(error, file: file.path)
        }
        foldLargeLog()
    }

    /// A catalog that lives in memory only, for tests and tools that must not touch the disk but
    /// for the audit log's head file, which goes into `folder`. The same schema, queries and
    /// transactions as the file; it is gone when the last reference to it goes.
    public init(inMemoryWithHeadIn folder: URL) throws(CatalogError) {
        self.file = folder.appendingPathComponent("catalog.sqlite")
        self.host = ProcessLiveness.currentHost
        try Self.createFolder(for: file)
        do {
            pool = try DatabaseQueue(configuration: Self.configuration())
            try CatalogSchema.migrate(pool)
        } catch {
            throw CatalogErrorMapping.map(error, file: file.path)
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "tessera.catalog"
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            _ = tessera_sqlite_skip_checkpoint_on_close(UnsafeMutableRawPointer(db.sqliteConnection))
        }
        return configuration
    }

    deinit { foldLargeLog() }

    /// Checkpoints and truncates the write-ahead log when it is above ``largeLog``. Best effort,
    /// and without waiting: while another process reads or writes, the log is left for later.
    private func foldLargeLog() {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path + "-wal")[.size] as? Int) ?? 0
        guard size > Self.largeLog else { return }
        let timeout = Int(Self.busyTimeout * 1000)
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(timeout)") }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    private static func createFolder(for file: URL) throws(CatalogError) {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CatalogError(
                .unavailable, "cannot create the folder \(folder.path) for the catalog",
                hint: "check that the path is a folder you may write to (no file stands in its way).",
                file: file.path)
        }
    }

    // MARK: Database access, with every failure turned into a CatalogError

    func reading<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await pool.read(work)
        } catch {
            throw CatalogErrorMapping.map(error, file: file.path)
        }
    }

    /// One immediate write transaction: all of `work` commits, or none of it.
    func writing<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await pool.write(work)
        } catch {
            throw CatalogErrorMapping.map(error, file: file.path)
        }
    }

    /// A write that is on disk when it returns: its commit syncs the log (`synchronous = FULL`
    /// for this one transaction), and with it every earlier commit. For changes that files are
    /// deleted after — a power loss must not bring back a row whose folder is gone.
    func writingDurably<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(CatalogError) -> T
    {
        do {
            return try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try work(db)
                    return .commit
                }
                guard let result else {
                    throw CatalogError(.unavailable, "the catalog write returned nothing", file: file.path)
                }
                return result
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogErrorMapping.map(error, file: file.path)
        }
    }
}
