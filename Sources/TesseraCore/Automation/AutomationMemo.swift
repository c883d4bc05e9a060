import Foundation
import Synchronization
import TesseraAutomation
import TesseraModel

/// The JSON text of each node's stored state and latest decision, with the value it stands for:
/// a tick over a quiet mesh then neither decodes the states it reads nor encodes the decisions it
/// compares (JSON coding was most of a 2,000-model tick). Keyed by the text itself, so it is never
/// stale: a text that changed in the catalog is decoded again.
final class AutomationMemo: Sendable {
    static let shared = AutomationMemo()

    private let states = Mutex<[NodeID: (json: String, value: StoredNode)]>([:])
    private let decisions = Mutex<[NodeID: (json: String, value: AutomationDecision)]>([:])

    /// The stored state a text stands for.
    func state(_ node: NodeID, json: String) -> StoredNode? {
        if let known = states.withLock({ $0[node] }), known.json == json { return known.value }
        guard let value = try? JSONDecoder().decode(StoredNode.self, from: Data(json.utf8)) else { return nil }
        states.withLock { $0[node] = (json, value) }
        return value
    }

    /// The text of a state; `stored` when it is the text the catalog holds (nothing to write).
    func text(of value: StoredNode, for node: NodeID) -> String {
        if let known = states.withLock({ $0[node] }), known.value == value { return known.json }
        let json = Automations.json(value)
        states.withLock { $0[node] = (json, value) }
        return json
    }

    /// The text of a decision, encoded only when it differs from the node's last one.
    func text(of decision: AutomationDecision) -> String {
        if let known = decisions.withLock({ $0[decision.node] }), known.value == decision { return known.json }
        let json = Automations.json(decision)
        decisions.withLock { $0[decision.node] = (json, decision) }
        return json
    }
}
