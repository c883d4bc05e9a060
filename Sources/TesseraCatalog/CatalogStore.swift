import Foundation

/// The catalog's metadata store, as the runtime and the commands see it. `SQLiteCatalog` is the
/// default (one file per environment); a shared PostgreSQL store can implement the same protocol
/// without touching callers, which is why every method is `async` (a network store must not
/// block a thread) and every failure is a `CatalogError` (no backend type leaks out).
///
/// Readers never see a run as `running` once its process is known to be gone: they report it
/// as `interrupted` (see `RunStatus`).
public protocol CatalogStore: Sendable {
    // MARK: Runs

    /// Records a new run, normally with status `running`. A duplicate id is a `.conflict`.
    func startRun(_ run: RunRecord) async throws(CatalogError)

    /// Inserts or replaces the records of nodes, each keyed by `(runID, node)`, all or nothing.
    /// The run must have been started (`.notFound` otherwise).
    func recordNodes(_ nodes: [NodeRunRecord]) async throws(CatalogError)

    /// Sets the final status (`succeeded`, `failed` or `interrupted`) and end time of a run.
    func finishRun(id: String, status: RunStatus, finishedAt: Date) async throws(CatalogError)

    /// The latest runs, newest first, with node counts per status; every environment when nil.
    func runs(limit: Int, environment: String?) async throws(CatalogError) -> [RunSummary]

    /// A run and its nodes by id or by a unique prefix of it (as git does with commits); nil when
    /// nothing matches, `.ambiguous` when several runs do.
    func run(id: String) async throws(CatalogError) -> RunDetail?

    /// The latest run of a command in an environment, e.g. for `tessera run --from-failure`.
    func lastRun(environment: String, command: String) async throws(CatalogError) -> RunRecord?

    // MARK: Product snapshots

    /// Records a newly built snapshot as a `candidate`, whatever `status` it carries.
    func addSnapshot(_ snapshot: SnapshotRecord) async throws(CatalogError)

    /// Makes a snapshot its product's current one, in one step: the previous current becomes
    /// `superseded`. No reader ever sees a product with zero or two current snapshots.
    func publish(snapshotID: String, product: String) async throws(CatalogError)

    /// Marks a snapshot unfit for use, with the reason shown to users.
    func quarantine(snapshotID: String, reason: String) async throws(CatalogError)

    func currentSnapshot(product: String) async throws(CatalogError) -> SnapshotRecord?

    /// Every snapshot of a product, newest first.
    func snapshots(product: String) async throws(CatalogError) -> [SnapshotRecord]
}
