import Foundation
import TesseraAutomation
import TesseraCatalog
import TesseraModel

/// One node as `tessera automation status` and the API show it: its latest decision and the
/// state behind it.
public struct AutomationNodeStatus: Sendable {
    public var node: NodeID
    /// nil when the service never evaluated it.
    public var decision: AutomationDecision?
    /// When the service reached this decision; it held at every tick since.
    public var decidedAt: Date?
    public var lastStarted: Date?
    public var lastUpdated: Date?
    public var failure: AutomationState.Failure?
    /// Whether it declares a schedule or `automation:`.
    public var runsByItself: Bool
}

extension Automations {
    /// Every node's status (sorted by node), or those named `name` (`sales.orders` is the model
    /// and the product of that name; `product.sales.orders` one node).
    public func status(_ name: String? = nil) async throws(CoreError) -> [AutomationNodeStatus] {
        let nodes = try select(name)
        guard let catalog = try workspace.existingCatalog() else {
            return nodes.map { status(of: $0, decision: nil, state: nil) }
        }
        let (decisions, states): ([AutomationDecisionRecord], [AutomationNodeRecord])
        do {
            decisions = try await catalog.latestDecisions(node: nil)
            states = try await catalog.automationNodes()
        } catch { throw CoreError(catalog: error) }
        let decisionOf = Dictionary(decisions.map { ($0.node, $0) }) { first, _ in first }
        let stateOf = Dictionary(states.map { ($0.node, $0) }) { first, _ in first }
        return nodes.map { status(of: $0, decision: decisionOf[$0], state: stateOf[$0]) }
    }

    private func status(of node: NodeID, decision: AutomationDecisionRecord?, state: AutomationNodeRecord?)
        -> AutomationNodeStatus
    {
        let stored = state.flatMap { try? JSONDecoder().decode(StoredNode.self, from: Data($0.json.utf8)) }
        return AutomationNodeStatus(
            node: node,
            decision: decision.flatMap { try? JSONDecoder().decode(AutomationDecision.self, from: Data($0.json.utf8)) },
            decidedAt: decision?.evaluatedAt, lastStarted: stored?.node.lastStarted,
            lastUpdated: stored?.node.lastUpdated, failure: stored?.node.failure,
            runsByItself: automation(of: node)?.runsByItself ?? false)
    }

    /// The node's declared automation (with its domain's defaults).
    func automation(of node: NodeID) -> Automation? {
        guard let domain = workspace.project.domains.first(where: { $0.name == node.domain }) else { return nil }
        switch node.kind {
        case .source: return domain.sources.first { $0.name == node.name }?.automation
        case .model: return domain.models.first { $0.name == node.name }?.automation
        case .product: return domain.products.first { $0.name == node.name }?.automation
        case .dashboard: return nil
        }
    }

    private func select(_ name: String?) throws(CoreError) -> [NodeID] {
        let all = workspace.mesh.graph.allNodes
        guard let name else { return all }
        let matched = all.filter { $0.id == name || $0.displayName == name }
        guard !matched.isEmpty else {
            throw CoreError(
                .usage, "no source, model or product '\(name)' in the project.",
                hint: "name it as `domain.name` (a model or product) or `domain.src.name` (a source).")
        }
        return matched
    }
}

/// A node's automation status as a JSON document: what `tessera automation status --format json`
/// prints and the API's `/automation` answers, one shape for both.
public struct AutomationStatusDocument: Encodable, Sendable {
    public struct Freshness: Encodable, Sendable {
        public var deadline: String?
        public var stale: Bool
    }
    public var node: String
    public var name: String
    public var kind: String
    public var runsByItself: Bool
    public var verdict: String?
    public var reason: String?
    public var decidedAt: String?
    public var nextTick: String?
    public var retryAt: String?
    public var waitingFor: [String]
    public var freshness: Freshness?
    public var lastStarted: String?
    public var lastUpdated: String?
    public var failure: String?

    public init(_ status: AutomationNodeStatus) {
        node = status.node.id
        name = status.node.displayName
        kind = status.node.kind.rawValue
        runsByItself = status.runsByItself
        verdict = status.decision?.verdict.rawValue
        reason = status.decision?.reason
        decidedAt = status.decidedAt.map(Timestamps.iso)
        nextTick = status.decision?.nextTick.map(Timestamps.iso)
        retryAt = status.decision?.retryAt.map(Timestamps.iso)
        waitingFor = status.decision?.waitingFor.map(\.displayName) ?? []
        freshness = status.decision?.freshness.map {
            Freshness(deadline: $0.deadline.map(Timestamps.iso), stale: $0.isStale)
        }
        lastStarted = status.lastStarted.map(Timestamps.iso)
        lastUpdated = status.lastUpdated.map(Timestamps.iso)
        failure = status.failure.map { "\($0.kind.rawValue): \($0.summary ?? "failed")" }
    }
}
