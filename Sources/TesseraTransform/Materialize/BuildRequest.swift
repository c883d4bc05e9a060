import Foundation
import TesseraModel

/// Everything one build of one model needs. The caller (the runtime) decides *whether* to build
/// and with which flags; ``ModelBuilder`` only carries it out.
public struct BuildRequest: Sendable {
    /// Name, domain, SQL (as written, with its `@macros`) and materialization.
    public var model: Model
    /// The value of `@env`.
    public var environment: String
    /// Computed by the caller (normalized SQL + config); stored in the state so the next run can
    /// tell whether the model changed.
    public var fingerprint: String
    /// An opaque number from the caller, stored in the state as given.
    public var upstreamVersion: Int64
    /// Rebuild from scratch: the whole range for tables and incremental models. Snapshots keep
    /// their history (see ``ModelBuilder``).
    public var fullRefresh: Bool
    /// An explicit `[start, end)` from `--start/--end`: incremental models rebuild exactly that
    /// range. Ignored by views, tables and snapshots, and by a full refresh (which covers it).
    public var backfill: BuildInterval?
    /// The run's clock: `@end`, `built_at` and the time snapshots close versions at.
    public var now: Date
    public var runID: String
    /// The model's state row as the caller read it before the build (nil inside: never built),
    /// when it did — a run reads every state once to plan. Unknown: the build reads it itself.
    public var previous: PreviousState = .unknown

    public enum PreviousState: Sendable {
        case unknown
        case known(ModelState?)
    }

    public init(
        model: Model, environment: String, fingerprint: String, upstreamVersion: Int64 = 0,
        fullRefresh: Bool = false, backfill: BuildInterval? = nil, now: Date = Date(), runID: String
    ) {
        self.model = model
        self.environment = environment
        self.fingerprint = fingerprint
        self.upstreamVersion = upstreamVersion
        self.fullRefresh = fullRefresh
        self.backfill = backfill
        self.now = now
        self.runID = runID
    }
}
