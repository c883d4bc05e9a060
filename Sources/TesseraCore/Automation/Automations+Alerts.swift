import Foundation
import TesseraAlerts
import TesseraAutomation
import TesseraModel

extension Automations {
    /// Records an `sla_missed` alert for each node a tick saw go past its freshness deadline (the
    /// tick reports each miss once). Returns what could not be recorded, for the service's log;
    /// an alert never stops a tick.
    public func raiseSLAMisses(_ misses: [AutomationDecision], of snapshot: AutomationSnapshot, at time: Date)
        async -> [String]
    {
        var problems: [String] = []
        for miss in misses {
            guard let freshness = automation(of: miss.node)?.sla.freshness else { continue }
            let event = AlertEvent.slaMissed(
                node: miss.node, freshness: freshness, lastData: snapshot.state[miss.node].lastUpdated,
                environment: workspace.environment, time: time)
            do { try await workspace.alerts.raise(event) } catch {
                problems.append("the sla_missed alert of \(miss.node.displayName) was not recorded: \(error.message)")
            }
        }
        return problems
    }
}
