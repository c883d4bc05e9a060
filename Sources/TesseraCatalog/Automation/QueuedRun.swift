import Foundation
import TesseraModel

/// One run waiting in (or taken from) the service's queue: what to run, why, for whom, and where
/// it stands. Rows stay after the run ends, so `tessera queue`-like views and the API can show
/// what happened to a request; `runID` links it to the catalog `run` it produced.
public struct QueuedRun: Sendable, Hashable, Codable {
    /// Where a queued run stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Waiting for a dispatcher to claim it.
        case queued
        /// Claimed by a service instance, which is running it.
        case running
        /// It ran; how it went is the catalog run's status.
        case finished
        /// Cancelled before it started, or while it ran.
        case cancelled
        /// Its service died while it ran (found at the next start).
        case interrupted

        /// Whether it can still change.
        public var isOpen: Bool { self == .queued || self == .running }
    }

    /// What put it in the queue.
    public enum Trigger: String, Sendable, Hashable, Codable, CaseIterable {
        /// A cron schedule ticked.
        case schedule
        /// An eager node's upstream has new data.
        case eager
        /// A file source's sensor saw a new or changed file.
        case sensor
        /// A retry of a transient failure.
        case retry
        /// `tessera run` handed to a running service.
        case manual
        /// The HTTP API.
        case api
        /// A chunk of a backfill (`BackfillRecord`).
        case backfill
    }

    /// What the run selects, as `tessera run` takes it.
    public struct Selection: Sendable, Hashable, Codable {
        /// Selectors, e.g. `sales.orders+`; empty: everything.
        public var include: [String]
        /// `--exclude` selectors.
        public var exclude: [String]
        public var fullRefresh: Bool
        /// `--start`: with `backfillEnd`, the interval interval-incremental models rebuild.
        public var backfillStart: Date?
        /// `--end` (exclusive).
        public var backfillEnd: Date?

        public init(
            include: [String] = [], exclude: [String] = [], fullRefresh: Bool = false, backfillStart: Date? = nil,
            backfillEnd: Date? = nil
        ) {
            self.include = include
            self.exclude = exclude
            self.fullRefresh = fullRefresh
            self.backfillStart = backfillStart
            self.backfillEnd = backfillEnd
        }

        /// `sales.orders+ --exclude tag:slow`, or `everything`.
        public var text: String {
            var words = include
            if !exclude.isEmpty { words += ["--exclude"] + exclude }
            if fullRefresh { words.append("--full-refresh") }
            if let start = backfillStart, let end = backfillEnd {
                words += ["--start", Self.utc(start), "--end", Self.utc(end)]
            }
            return words.isEmpty ? "everything" : words.joined(separator: " ")
        }

        /// `2026-11-01T00:00:00Z`.
        static func utc(_ date: Date) -> String {
            date.formatted(.iso8601)
        }
    }

    /// The service instance running it: its pid on its host tells a live owner from a dead one.
    public struct Owner: Sendable, Hashable, Codable {
        public var instance: String
        public var host: String
        public var processID: Int32
        public var startedAt: Date

        public init(
            instance: String, host: String = ProcessLiveness.currentHost,
            processID: Int32 = ProcessLiveness.currentProcessID, startedAt: Date
        ) {
            self.instance = instance
            self.host = host
            self.processID = processID
            self.startedAt = startedAt
        }

        /// False only when the owner is on this host and its process is gone.
        public var isAlive: Bool {
            host != ProcessLiveness.currentHost || ProcessLiveness.isAlive(processID, startedBy: startedAt)
        }
    }

    public var id: String
    public var environment: String
    public var selection: Selection
    public var trigger: Trigger
    /// Why, in words: the automation's reason, or who asked.
    public var reason: String
    /// The principal that asked, e.g. `automation`, `ana@acme.example`.
    public var requestedBy: String
    /// The same key enqueued again gives back this run instead of a new one.
    public var idempotencyKey: String?
    public var state: State
    /// A cancel was asked while it ran; its service stops it.
    public var cancelRequested: Bool
    public var enqueuedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// 1 for the first attempt; a retry of a transient failure counts up.
    public var attempt: Int
    /// The catalog run it produced, once it started.
    public var runID: String?
    public var owner: Owner?
    /// The domains it writes, sorted: no two running runs share one (one writer per warehouse).
    public var domains: [String]
    /// The nodes it runs, sorted (what the automation counts as queued or running).
    public var nodes: [NodeID]

    public init(
        id: String = RunID.make(), environment: String, selection: Selection, trigger: Trigger, reason: String,
        requestedBy: String, idempotencyKey: String? = nil, state: State = .queued, cancelRequested: Bool = false,
        enqueuedAt: Date, startedAt: Date? = nil, finishedAt: Date? = nil, attempt: Int = 1, runID: String? = nil,
        owner: Owner? = nil, domains: [String], nodes: [NodeID]
    ) {
        self.id = id
        self.environment = environment
        self.selection = selection
        self.trigger = trigger
        self.reason = reason
        self.requestedBy = requestedBy
        self.idempotencyKey = idempotencyKey
        self.state = state
        self.cancelRequested = cancelRequested
        self.enqueuedAt = enqueuedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.attempt = attempt
        self.runID = runID
        self.owner = owner
        self.domains = Array(Set(domains)).sorted()
        self.nodes = Array(Set(nodes)).sorted()
    }
}
