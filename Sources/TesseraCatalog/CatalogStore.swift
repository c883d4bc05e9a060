import Foundation
import TesseraModel

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

    /// Appends log lines of a run's nodes, all or nothing; a line's `(runID, sequence)` is its key,
    /// so a batch written twice is kept once. The run must have been started (`.notFound` otherwise).
    func appendNodeLog(_ lines: [NodeLogRecord]) async throws(CatalogError)

    /// A run's log lines in the order they were logged: one node's, or every node's when nil.
    func nodeLog(runID: String, node: String?) async throws(CatalogError) -> [NodeLogRecord]

    // MARK: Product snapshots

    /// Records a newly built snapshot as a `candidate`, whatever `status` it carries.
    func addSnapshot(_ snapshot: SnapshotRecord) async throws(CatalogError)

    /// Makes a snapshot its product's current one, in one step: the previous current becomes
    /// `superseded`. No reader ever sees a product with zero or two current snapshots.
    func publish(snapshotID: String, product: String) async throws(CatalogError)

    /// Marks a snapshot unfit for use, with the reason shown to users.
    func quarantine(snapshotID: String, reason: String) async throws(CatalogError)

    func currentSnapshot(product: String) async throws(CatalogError) -> SnapshotRecord?

    /// The id of every product's current snapshot, by product (`domain.product`), in one read:
    /// enough to tell whether anything was published since.
    func currentSnapshotIDs() async throws(CatalogError) -> [String: String]

    /// Every snapshot of a product, newest first.
    func snapshots(product: String) async throws(CatalogError) -> [SnapshotRecord]

    /// The contract of the newest snapshot (by creation) that was ever published, current or
    /// superseded and carrying a contract; candidates and quarantined snapshots never count.
    /// Nil when the product was never published with a contract.
    func latestPublishedContract(product: String) async throws(CatalogError) -> PublishedContract?

    /// For each major version below the current snapshot's, the newest snapshot of that major
    /// that was ever published (current or superseded), highest major first: the runtime serves
    /// them as `<domain>.<product>__v<N>`. Empty when the product has no current snapshot;
    /// snapshots whose version is not a semantic version are left out.
    func previousMajorSnapshots(product: String) async throws(CatalogError) -> [SnapshotRecord]

    // MARK: Quality

    /// Records one check pass, all or nothing: the records of one call form a pass per product
    /// they name, which `latestChecks` returns whole. Every snapshot must exist and belong to the
    /// record's product, every run id must be known (`.notFound` / `.conflict` otherwise).
    func recordChecks(_ records: [CheckRunRecord]) async throws(CatalogError)

    /// The results of the product's newest check pass, whatever snapshot it ran on (publishing
    /// checks a candidate, `tessera check` the current one), in the order they were recorded.
    func latestChecks(product: String) async throws(CatalogError) -> [CheckRunRecord]

    /// Every check result recorded on a snapshot, oldest pass first, each pass in recorded order.
    func checks(snapshotID: String) async throws(CatalogError) -> [CheckRunRecord]

    /// Stores (or replaces) a snapshot's profile, JSON the catalog does not read.
    func recordProfile(snapshotID: String, json: String) async throws(CatalogError)

    func profile(snapshotID: String) async throws(CatalogError) -> String?

    /// Stores (or replaces) how a snapshot drifted from an earlier one.
    func recordDrift(snapshotID: String, againstSnapshotID: String, json: String, exceeded: Bool)
        async throws(CatalogError)

    func drift(snapshotID: String) async throws(CatalogError) -> DriftRecord?

    // MARK: Readers and garbage collection

    /// Records that this process reads the given snapshots until `endReading`. Every snapshot
    /// must still exist (`.notFound` otherwise): a reader that resolved a snapshot just before
    /// garbage collection removed it learns so here, and resolves the current one again.
    func beginReading(snapshotIDs: [String]) async throws(CatalogError) -> ReadLease

    /// Removes the lease's rows; ending a lease twice, or one whose snapshots are gone, is fine.
    func endReading(_ lease: ReadLease) async throws(CatalogError)

    /// The leases not yet ended, each with the snapshots it holds, oldest first: a lease of a
    /// dead process stays listed until the next collection removes it.
    func readLeases() async throws(CatalogError) -> [ReadLease]

    /// Snapshots some live process reads. A reader on this host counts while its process is
    /// alive; a reader on another host cannot be checked and always counts.
    func snapshotsInUse() async throws(CatalogError) -> Set<String>

    /// Deletes the rows of the given snapshots (their check results, profile and drift go with
    /// them), in one transaction, skipping any that is current or in use (and unknown ids).
    /// Returns the ids actually removed. The order matters: the caller deletes the snapshots'
    /// folders only *after* this returns, so no row ever points to a missing folder; a folder
    /// left behind by a crash in between has no row, and a later garbage collection removes it.
    func removeSnapshots(ids: [String]) async throws(CatalogError) -> [String]

    // MARK: Metadata

    /// Replaces the mesh's metadata (domains, assets, columns, lineage, search index) in one
    /// transaction, unless the stored fingerprint equals `metadata.fingerprint`. Returns whether
    /// it wrote.
    func recordMetadata(_ metadata: MeshMetadata, environment: String) async throws(CatalogError) -> Bool

    /// When and from what the metadata was recorded; nil when it never was.
    func metadataState() async throws(CatalogError) -> MetadataState?

    /// Marks the recorded metadata as current now, when its fingerprint is `fingerprint`
    /// (nothing otherwise): a project whose files changed without changing what the catalog
    /// holds (a comment, a touched file) is then not read again until its files change again.
    func confirmMetadata(fingerprint: String) async throws(CatalogError)

    /// Every lineage edge recorded, table and column level.
    func lineageEdges() async throws(CatalogError) -> [MeshLineageEdge]

    /// The edges into and out of one asset, table and column level: what `catalog show` lists,
    /// read through the indexes rather than the whole mesh's lineage.
    func lineageEdges(of asset: NodeID) async throws(CatalogError) -> [MeshLineageEdge]

    /// The assets that read `asset` directly (its downstream in the lineage), sorted.
    func consumers(of asset: NodeID) async throws(CatalogError) -> [NodeID]

    /// Every domain, sorted by name.
    func catalogDomains() async throws(CatalogError) -> [DomainMetadata]

    /// Every source, model and product, by domain and name, without their columns.
    func catalogAssets() async throws(CatalogError) -> [AssetMetadata]

    /// One asset with its columns; nil when the catalog does not know it.
    func catalogAsset(_ id: NodeID) async throws(CatalogError) -> AssetMetadata?

    /// Ranked full-text search: best first, at most `limit` hits.
    func search(_ query: CatalogQuery, limit: Int) async throws(CatalogError) -> [CatalogSearchHit]

    // MARK: Audit

    /// Appends one entry (e.g. a `tessera query`), numbered, dated, attributed to this process's
    /// `user@host` and chained to the previous entry. The catalog's own changes (run start and
    /// finish, publish, contract change, quarantine) append theirs in the transaction that makes
    /// the change; callers never record those.
    func appendAudit(_ draft: AuditDraft) async throws(CatalogError) -> AuditEntry

    /// Given each product's `access` block as canonical JSON, appends an `access.change` entry
    /// for each one that differs from the last recorded for it (or was never recorded), in one
    /// transaction; returns the entries appended.
    func recordAccessPolicies(_ policies: [String: String]) async throws(CatalogError) -> [AuditEntry]

    /// The newest entries first, optionally of one action only.
    func auditEntries(limit: Int, action: String?) async throws(CatalogError) -> [AuditEntry]

    /// Recomputes the chain from the first entry and compares its end with the recorded head.
    func verifyAudit() async throws(CatalogError) -> AuditVerification

    // MARK: Sign-in tokens

    /// Records a new token (its secret's hash, never the secret) and appends its `token.create`
    /// audit entry in the same transaction. A duplicate id is a `.conflict`; so is a principal
    /// that is not a person or a service.
    func createToken(_ token: TokenRecord) async throws(CatalogError)

    /// Every token ever created, revoked and expired ones too, oldest first.
    func tokens() async throws(CatalogError) -> [TokenRecord]

    /// The token with exactly this id; nil when there is none.
    func token(id: String) async throws(CatalogError) -> TokenRecord?

    /// Marks a token revoked at `time` and appends its `token.revoke` audit entry, in one
    /// transaction. Revoking a revoked token changes nothing and returns it as it is; nil when no
    /// token has the id.
    func revokeToken(id: String, at time: Date) async throws(CatalogError) -> TokenRecord?

    /// Notes that a token signed someone in at `time` (nothing when the id is unknown).
    func recordTokenUse(id: String, at time: Date) async throws(CatalogError)

    // MARK: Automation: the run queue, node state and decisions

    /// Adds a run to the queue. When its idempotency key is already recorded, nothing is added
    /// and the run recorded under that key is returned; otherwise `run` as stored.
    func enqueue(_ run: QueuedRun) async throws(CatalogError) -> QueuedRun

    /// Queued runs, newest first; only those in `states` when given.
    func queuedRuns(states: Set<QueuedRun.State>?, limit: Int) async throws(CatalogError) -> [QueuedRun]

    /// A queued run by id or a unique prefix of it; nil when none matches.
    func queuedRun(id: String) async throws(CatalogError) -> QueuedRun?

    /// Takes the oldest queued run that `limits` admit beside the running ones and marks it
    /// `running` for `owner`, in one transaction: two services never take the same run. Nil when
    /// none may start now.
    func claimQueuedRun(owner: QueuedRun.Owner, limits: QueueLimits, at time: Date) async throws(CatalogError)
        -> QueuedRun?

    /// Notes the catalog run a queued run started.
    func attachRun(queuedRunID: String, runID: String) async throws(CatalogError)

    /// Ends a running (or queued) run as `finished`, `cancelled` or `interrupted`.
    func finishQueuedRun(id: String, state: QueuedRun.State, at time: Date) async throws(CatalogError)

    /// A queued run is cancelled at once; a running one is marked `cancelRequested` (its service
    /// stops it). Returns the run as it now is; nil when no run has the id.
    func cancelQueuedRun(id: String, at time: Date) async throws(CatalogError) -> QueuedRun?

    /// Marks `interrupted` every running run whose owner is dead (on this host), in one
    /// transaction, and returns them: a restarted service decides whether each is retried.
    func interruptOrphanedRuns(at time: Date) async throws(CatalogError) -> [QueuedRun]

    /// Every node's stored automation state.
    func automationNodes() async throws(CatalogError) -> [AutomationNodeRecord]

    /// Stores (or replaces) some nodes' states, outside a tick (after a run).
    func recordAutomationNodes(_ nodes: [AutomationNodeRecord]) async throws(CatalogError)

    /// Writes a tick's states, decisions and enqueued runs in one transaction (see
    /// `AutomationTick`); returns the runs enqueued (an idempotency key seen before gives none).
    func commitAutomationTick(_ tick: AutomationTick) async throws(CatalogError) -> [QueuedRun]

    /// The latest decision of every node (of one node when given): written by the tick that
    /// reached it, and kept while later ticks decide the same.
    func latestDecisions(node: NodeID?) async throws(CatalogError) -> [AutomationDecisionRecord]

    /// A node's recent decisions that changed its verdict or reason, newest first (bounded).
    func decisionHistory(node: NodeID, limit: Int) async throws(CatalogError) -> [AutomationDecisionRecord]
    // MARK: Alerts outbox

    /// Appends alerts as `pending`, due at once, in one transaction.
    func appendAlerts(_ alerts: [AlertDraft]) async throws(CatalogError)

    /// Claims up to `limit` pending alerts due by `now` (of one run when `runID` is given), oldest
    /// first, in one transaction: their next attempt moves to `until`, so another process does not
    /// send them meanwhile, and a process killed while sending leaves them due again then.
    func claimAlerts(dueBy now: Date, runID: String?, until: Date, limit: Int) async throws(CatalogError)
        -> [AlertRecord]

    /// Stores the outcome of an attempt: the record's state, attempts, next attempt, last error and
    /// update time (its event never changes). `.notFound` when no alert has its id.
    func updateAlert(_ alert: AlertRecord) async throws(CatalogError)

    /// The newest alerts first.
    func alerts(limit: Int) async throws(CatalogError) -> [AlertRecord]

    // MARK: Backfills

    /// Records a new backfill with its chunks, in one transaction. When its idempotency key is
    /// already recorded, nothing is added and the backfill recorded under that key is returned;
    /// otherwise `backfill` as stored.
    func createBackfill(_ backfill: BackfillRecord) async throws(CatalogError) -> BackfillRecord

    /// Backfills with their chunks, newest first; only those in `states` when given.
    func backfills(states: Set<BackfillRecord.State>?, limit: Int) async throws(CatalogError) -> [BackfillRecord]

    /// The backfills that may still change by themselves: those `running`, and those with a chunk
    /// whose run has not ended yet (a cancelled backfill whose last run is stopping). Oldest first.
    func activeBackfills() async throws(CatalogError) -> [BackfillRecord]

    /// A backfill by id or a unique prefix of it; nil when none matches.
    func backfill(id: String) async throws(CatalogError) -> BackfillRecord?

    /// Stores one step of a backfill in one transaction: its row and chunks as `backfill` has
    /// them, the run it queues (`enqueue`, added as `enqueue(_:)` adds one) and the queued run it
    /// stops (`cancelQueuedRun`, as `cancelQueuedRun(id:at:)`) — only when the stored revision is
    /// still `backfill.revision`. Returns the backfill as stored, its revision one more, or nil
    /// when another change was stored first (read it again and take the step again).
    func saveBackfill(_ backfill: BackfillRecord, enqueue: QueuedRun?, cancelQueuedRun: String?, at time: Date)
        async throws(CatalogError) -> BackfillRecord?
    // MARK: PostgreSQL sign-in (SCRAM)

    /// The principal's SCRAM salt; `fresh` becomes it when it has none yet (in one transaction,
    /// so two token creations agree on one salt).
    func scramSalt(for principal: Principal, creatingWith fresh: [UInt8]) async throws(CatalogError) -> [UInt8]

    /// The principal's SCRAM salt, nil when none was made yet.
    func existingSCRAMSalt(for principal: Principal) async throws(CatalogError) -> [UInt8]?

    /// Stores a token's SCRAM keys (made under its principal's salt when the token was created).
    func recordTokenSCRAMKeys(tokenID: String, keys: TokenSCRAMKeys) async throws(CatalogError)

    /// Every token of the principal that has SCRAM keys, with them, oldest first; revoked and
    /// expired ones too (the caller decides).
    func tokenSCRAMKeys(for principal: Principal) async throws(CatalogError) -> [(TokenRecord, TokenSCRAMKeys)]

    /// Stores the SCRAM keys of the principal's password under its SCRAM salt (replacing any), so
    /// that the password signs in over PostgreSQL beside the tokens.
    func recordPasswordSCRAMKeys(_ keys: TokenSCRAMKeys, for principal: Principal) async throws(CatalogError)

    /// The SCRAM keys of the principal's password under its SCRAM salt; nil when none were made.
    func passwordSCRAMKeys(for principal: Principal) async throws(CatalogError) -> TokenSCRAMKeys?
    // MARK: Web UI: passwords and browser sessions

    /// Stores `verifier` as the principal's password (replacing any), ends every web session of
    /// the principal, and appends the `password.set` audit entry, in one transaction. A principal
    /// that is not a person or a service is a `.conflict`.
    func setPassword(_ verifier: SCRAMVerifier, for principal: Principal, by actor: String, at time: Date)
        async throws(CatalogError)

    /// The principal's password verifier; nil when it has none.
    func passwordVerifier(for principal: Principal) async throws(CatalogError) -> SCRAMVerifier?

    /// Records a new web session (the hash of its id, never the id).
    func createWebSession(_ session: WebSessionRecord) async throws(CatalogError)

    /// The session whose id hashes to `idHash`; nil when there is none.
    func webSession(idHash: String) async throws(CatalogError) -> WebSessionRecord?

    /// Notes a request of the session at `time` (its idle expiry counts from there).
    func touchWebSession(idHash: String, at time: Date) async throws(CatalogError)

    /// Ends a session (sign-out); whether there was one.
    func deleteWebSession(idHash: String) async throws(CatalogError) -> Bool

    /// Deletes the sessions past their absolute expiry or idle since `idle`; how many.
    func deleteWebSessions(expiredAt time: Date, idleSince idle: Date) async throws(CatalogError) -> Int
    // MARK: Dashboard deliveries

    /// The last scheduled time accounted for, by destination key.
    func deliveryCursors() async throws(CatalogError) -> [String: Date]

    /// Stores the cursors and adds the drafts as `pending`, due at `time`, in one transaction; a
    /// draft whose (dashboard, destination key, scheduled time) is recorded already is dropped.
    /// Returns the deliveries added.
    func commitDeliveries(_ drafts: [DeliveryDraft], cursors: [DeliveryCursor], at time: Date)
        async throws(CatalogError) -> [DeliveryRecord]

    /// Claims up to `limit` deliveries due by `now` (of one dashboard when given), oldest first, in
    /// one transaction: each becomes `sending` until `until`. A delivery returned as `sending` was
    /// claimed by a process that stopped before it recorded the outcome.
    func claimDeliveries(dueBy now: Date, dashboard: String?, until: Date, limit: Int)
        async throws(CatalogError) -> [DeliveryRecord]

    /// Stores the outcome of an attempt (state, attempts, next attempt, error, snapshots, file).
    func updateDelivery(_ delivery: DeliveryRecord) async throws(CatalogError)

    /// The newest deliveries first (of one dashboard when given).
    func deliveries(dashboard: String?, limit: Int) async throws(CatalogError) -> [DeliveryRecord]
}
