import Foundation
import TesseraTransform
import TesseraModel
import TesseraQuality

/// What a run did, node by node: printed at the end of `tessera run` and kept in the catalog.
public struct RunReport: Sendable {
    public struct Node: Sendable {
        public var step: PlanStep
        public var outcome: NodeOutcome
        public var seconds: Double
    }

    public var runID: String
    public var environment: String
    public var startedAt: Date
    public var finishedAt: Date
    /// In dependency order.
    public var nodes: [Node]
    /// The contract, checks and drift of every product this run tried to publish.
    public var quality: [NodeID: QualityReport] = [:]
    /// Problems that did not fail the run, e.g. OpenLineage events that could not be sent.
    public var warnings: [String] = []

    public var failed: [Node] { nodes.filter { $0.outcome.isFailure } }
    public var succeeded: Bool { failed.isEmpty }

    public func count(_ status: String) -> Int { nodes.filter { $0.outcome.status == status }.count }
}
