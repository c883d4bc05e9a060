import Foundation
import TesseraModel

/// What the evaluator is told about the world: per node, its last schedule tick, its runs, its
/// data and, for a file source, the files there are now. The service keeps it (in the catalog) and
/// updates it from each decision and each run; the evaluator only reads it.
public struct AutomationState: Sendable, Hashable, Codable {
    /// Whether a run of the node is under way.
    public enum Activity: String, Sendable, Hashable, Codable {
        case idle, queued, running
    }

    /// The last run of a node failed.
    public struct Failure: Sendable, Hashable, Codable {
        public var kind: FailureKind
        /// A few words for people, e.g. `connection refused`; never a credential.
        public var summary: String?
        public var at: Date
        /// Retries already made since the failure streak began (0 after the first failure).
        public var retries: Int

        public init(kind: FailureKind, summary: String? = nil, at: Date, retries: Int = 0) {
            self.kind = kind
            self.summary = summary
            self.at = at
            self.retries = retries
        }
    }

    /// A file a file source's sensor sees now.
    public struct ObservedFile: Sendable, Hashable, Codable {
        /// Relative to the project root.
        public var path: String
        /// Changes when the file does (size, modification time and sampled content).
        public var fingerprint: String

        public init(path: String, fingerprint: String) {
            self.path = path
            self.fingerprint = fingerprint
        }
    }

    public struct Node: Sendable, Hashable, Codable {
        /// The last tick of its schedule already accounted for; nil: never evaluated.
        public var lastTick: Date?
        /// When its last run started, whatever started it.
        public var lastStarted: Date?
        /// When it last produced new data: a load that brought rows, a build, a publish.
        public var lastUpdated: Date?
        /// Its last run's error checks failed (for a product: the publish was blocked); cleared by
        /// a run whose error checks pass.
        public var errorChecksFailed: Bool
        public var activity: Activity
        public var failure: Failure?
        /// File fingerprints a load was already started for.
        public var seenFingerprints: Set<String>
        /// What the file sensor sees now (file sources only).
        public var files: [ObservedFile]

        public init(
            lastTick: Date? = nil, lastStarted: Date? = nil, lastUpdated: Date? = nil, errorChecksFailed: Bool = false,
            activity: Activity = .idle, failure: Failure? = nil, seenFingerprints: Set<String> = [],
            files: [ObservedFile] = []
        ) {
            self.lastTick = lastTick
            self.lastStarted = lastStarted
            self.lastUpdated = lastUpdated
            self.errorChecksFailed = errorChecksFailed
            self.activity = activity
            self.failure = failure
            self.seenFingerprints = seenFingerprints
            self.files = files
        }
    }

    public var nodes: [NodeID: Node]

    public init(nodes: [NodeID: Node] = [:]) { self.nodes = nodes }

    public subscript(_ id: NodeID) -> Node {
        get { nodes[id] ?? Node() }
        set { nodes[id] = newValue }
    }
}
