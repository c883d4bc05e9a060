import Foundation
import TesseraModel

/// One backfill of interval models over a range `[start, end)`, split into chunks that run one
/// after the other, oldest first, each as one run with the chunk as its interval. The row and its
/// chunks are the whole truth of it: whoever drives it (the service, or `tessera backfill` when no
/// service runs) reads them, takes the next step and writes them back, so a killed driver loses
/// nothing and a restarted one goes on where it stopped.
public struct BackfillRecord: Sendable, Hashable, Codable {
    /// Where a backfill stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Chunks are left to run (one of them may be running).
        case running
        /// Every chunk succeeded.
        case succeeded
        /// A chunk failed; `error` says which and why. `resume` goes on from it.
        case failed
        /// Cancelled; the chunks not run are `cancelled`. `resume` goes on from the first of them.
        case cancelled

        /// Whether more chunks may run without anyone asking.
        public var isOpen: Bool { self == .running }
    }

    /// Who takes its steps.
    public enum Driver: String, Sendable, Hashable, Codable, CaseIterable {
        /// `tessera serve`: each chunk is a queued run.
        case service
        /// A `tessera backfill` command, which runs the chunks itself; `owner` says which process.
        case command
    }

    /// One chunk of the range, run as one run.
    public struct Chunk: Sendable, Hashable, Codable {
        public enum State: String, Sendable, Hashable, Codable, CaseIterable {
            /// Not started yet.
            case pending
            /// Its run is queued or running.
            case running
            case succeeded
            case failed
            case cancelled
        }

        /// 0 for the oldest chunk.
        public var index: Int
        public var start: Date
        public var end: Date
        public var state: State
        /// How many times a run was started for it (an interrupted run is started again).
        public var attempts: Int
        /// The queued run of its latest attempt (the service's driver only).
        public var queuedRunID: String?
        /// The catalog run of its latest attempt, once it started.
        public var runID: String?
        /// Why it failed, or what interrupted it.
        public var error: String?
        public var startedAt: Date?
        public var finishedAt: Date?

        public init(
            index: Int, start: Date, end: Date, state: State = .pending, attempts: Int = 0, queuedRunID: String? = nil,
            runID: String? = nil, error: String? = nil, startedAt: Date? = nil, finishedAt: Date? = nil
        ) {
            self.index = index
            self.start = start
            self.end = end
            self.state = state
            self.attempts = attempts
            self.queuedRunID = queuedRunID
            self.runID = runID
            self.error = error
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    public var id: String
    public var environment: String
    /// What each chunk's run selects, as `tessera run` takes it (its interval set per chunk).
    public var selection: QueuedRun.Selection
    public var start: Date
    public var end: Date
    public var chunkSeconds: Int
    public var state: State
    public var driver: Driver
    /// The process running it when the driver is a command: a dead one's backfill may be resumed.
    public var owner: QueuedRun.Owner?
    /// The principal that asked, e.g. `ana@acme.example`.
    public var requestedBy: String
    public var reason: String
    /// The same key asked again gives back this backfill instead of a new one.
    public var idempotencyKey: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// Why it failed (which chunk, what went wrong).
    public var error: String?
    /// The domains its runs write, sorted (who may start, cancel or resume it).
    public var domains: [String]
    /// The nodes its runs select, sorted (who may see it).
    public var nodes: [NodeID]
    /// Oldest first.
    public var chunks: [Chunk]
    /// Counts the changes stored: a change written over one it did not see is refused.
    public var revision: Int

    public init(
        id: String = RunID.make(), environment: String, selection: QueuedRun.Selection, start: Date, end: Date,
        chunkSeconds: Int, state: State = .running, driver: Driver, owner: QueuedRun.Owner? = nil, requestedBy: String,
        reason: String, idempotencyKey: String? = nil, createdAt: Date, updatedAt: Date? = nil, finishedAt: Date? = nil,
        error: String? = nil, domains: [String], nodes: [NodeID], chunks: [Chunk], revision: Int = 0
    ) {
        self.id = id
        self.environment = environment
        self.selection = selection
        self.start = start
        self.end = end
        self.chunkSeconds = chunkSeconds
        self.state = state
        self.driver = driver
        self.owner = owner
        self.requestedBy = requestedBy
        self.reason = reason
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finishedAt = finishedAt
        self.error = error
        self.domains = Array(Set(domains)).sorted()
        self.nodes = Array(Set(nodes)).sorted()
        self.chunks = chunks
        self.revision = revision
    }

    /// How many chunks are in each state.
    public var chunkCounts: [Chunk.State: Int] {
        Dictionary(grouping: chunks, by: \.state).mapValues(\.count)
    }
}
