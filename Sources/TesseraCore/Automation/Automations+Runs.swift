import Foundation
import TesseraAutomation
import TesseraCatalog
import TesseraModel
import TesseraRuntime

extension Automations {
    /// Notes that a queued run's nodes started at `time` (what `eager` compares upstream updates with).
    public func recordStart(of queued: QueuedRun, at time: Date) async throws(CoreError) {
        try await update(queued.nodes, at: time) { node in node.lastStarted = time }
    }

    /// Updates the state of the nodes a run ran: new data, error checks, the failure and its kind
    /// (transient failures are retried under the node's `retries`). `report` is nil when the run
    /// could not start (`error` says why); a cancelled run changes nothing.
    public func recordOutcome(of queued: QueuedRun, report: RunReport?, error: String?, at time: Date)
        async throws(CoreError)
    {
        let retrying = queued.trigger == .retry
        guard let report else {
            let failure = AutomationState.Failure(kind: .other, summary: error.map(Self.summary), at: time)
            try await update(queued.nodes, at: time) { node in
                node.failure = Self.continuing(failure, previous: node.failure, retrying: retrying)
            }
            return
        }
        let outcomes = Dictionary(report.nodes.map { ($0.step.node, $0.outcome) }) { first, _ in first }
        let started = report.startedAt
        try await update(Array(outcomes.keys), at: time) { [outcomes] node, id in
            guard let outcome = outcomes[id] else { return }
            Self.apply(outcome, of: id, to: &node, at: time, runStarted: started, retrying: retrying)
        }
    }

    /// Notes any run's new data and error checks for `eager`, whoever ran it (`Runs.run` calls it
    /// for every run): a product a `tessera run` published while no service ran is new data for its
    /// eager consumers when the service starts. Failures are left to `recordOutcome`: retries are
    /// for the service's own runs. Returns a warning when the state could not be written.
    func noteData(from report: RunReport, at time: Date = Date()) async -> [String] {
        let outcomes = Dictionary(report.nodes.map { ($0.step.node, $0.outcome) }) { first, _ in first }
        guard !outcomes.isEmpty else { return [] }
        let started = report.startedAt
        do {
            try await update(Array(outcomes.keys), at: time) { [outcomes] node, id in
                guard let outcome = outcomes[id] else { return }
                Self.noteData(outcome, of: id, to: &node, runStarted: started)
            }
        } catch {
            return ["the automation state was not updated after this run: \(error.message)"]
        }
        return []
    }

    /// What every run notes (`apply` adds the failure and its retries for the service's own).
    static func noteData(_ outcome: NodeOutcome, of id: NodeID, to node: inout AutomationState.Node, runStarted: Date) {
        if case .skipped = outcome { return }
        node.lastStarted = max(node.lastStarted ?? runStarted, runStarted)
        switch outcome {
        case .succeeded(let rows, _):
            if id.kind != .source || (rows ?? 1) > 0 {
                node.lastUpdated = max(node.lastUpdated ?? runStarted, runStarted)
            }
            node.errorChecksFailed = false
        case .failed(let failure):
            if FailureClassifier.kind(of: failure) == .data { node.errorChecksFailed = true }
        case .unchanged, .skipped:
            break
        }
    }

    /// A run's new data is dated by the run's start, and every node it ran counts as started then:
    /// a consumer built in the same run as its upstream (a product and its model, selected by one
    /// name) has seen that update, and eager does not run it again for it.
    static func apply(
        _ outcome: NodeOutcome, of id: NodeID, to node: inout AutomationState.Node, at time: Date, runStarted: Date,
        retrying: Bool
    ) {
        noteData(outcome, of: id, to: &node, runStarted: runStarted)
        switch outcome {
        case .succeeded, .unchanged:
            node.failure = nil
        case .failed(let failure):
            node.failure = continuing(
                .init(kind: FailureClassifier.kind(of: failure), summary: summary(failure.message), at: time),
                previous: node.failure, retrying: retrying)
        case .skipped:
            break
        }
    }

    /// A failure of a retry continues its streak (keeps the retries counted); any other starts one.
    static func continuing(
        _ failure: AutomationState.Failure, previous: AutomationState.Failure?, retrying: Bool
    ) -> AutomationState.Failure {
        var failure = failure
        if retrying, let previous { failure.retries = previous.retries }
        return failure
    }

    /// The first line of a message, short: what status lines show after "failed".
    static func summary(_ message: String) -> String {
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        return line.count > 120 ? String(line.prefix(117)) + "…" : line
    }

    private func update(
        _ nodes: [NodeID], at time: Date, _ change: @escaping @Sendable (inout AutomationState.Node) -> Void
    ) async throws(CoreError) {
        try await update(nodes, at: time) { node, _ in change(&node) }
    }

    /// Reads the stored states of `nodes`, changes them and stores them back.
    private func update(
        _ nodes: [NodeID], at time: Date, _ change: @escaping @Sendable (inout AutomationState.Node, NodeID) -> Void
    ) async throws(CoreError) {
        let wanted = Set(nodes)
        try await workspace.withCatalog { catalog throws(CatalogError) in
            var stored: [NodeID: StoredNode] = [:]
            for record in try await catalog.automationNodes() where wanted.contains(record.node) {
                stored[record.node] = try? JSONDecoder().decode(StoredNode.self, from: Data(record.json.utf8))
            }
            var records: [AutomationNodeRecord] = []
            for id in wanted.sorted() {
                var node = stored[id] ?? StoredNode(node: AutomationState.Node(), slaMissedAt: nil)
                change(&node.node, id)
                records.append(AutomationNodeRecord(node: id, json: Self.json(node.clearedForStorage), updatedAt: time))
            }
            try await catalog.recordAutomationNodes(records)
        }
    }
}

/// Tells a transient failure (retried) from one of the data (never retried) or anything else.
enum FailureClassifier {
    /// Words of the messages the world gives when it is briefly unavailable.
    static let transientSigns = [
        "connection refused", "connection was refused", "connection reset", "connection was reset",
        "connection lost", "connection was lost", "could not connect", "timed out", "timeout",
        "temporarily unavailable", "http 5", "status 5", "http 429", "status 429", "too many requests",
        "is busy", "could not set lock", "network is unreachable",
    ]

    static func kind(of failure: NodeFailure) -> FailureKind {
        switch failure.kind {
        case .checks, .quarantined: return .data
        case .build: return .other
        case .load, .environment:
            let message = failure.message.lowercased()
            if transientSigns.contains(where: message.contains) { return .transient }
            return failure.kind == .load && message.contains("reject") ? .data : .other
        }
    }
}
