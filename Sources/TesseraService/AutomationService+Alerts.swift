import Foundation
import TesseraCore
import TesseraModel

// Alerts from the service: each SLA miss a tick finds becomes an `sla_missed` alert (once per
// miss: the automation state remembers it until the node is fresh again), and the outbox's due
// alerts are sent in the background, so a slow webhook never holds up a tick or a claim.
extension AutomationService {
    func raiseAlerts(for misses: [AutomationDecision], at now: Date) async {
        for miss in misses {
            let name = miss.node.displayName
            let event = AlertEvent(
                kind: .slaMissed, domain: miss.node.domain, node: name, runID: nil,
                environment: workspace.environment, time: now,
                message: "\(name) missed its freshness SLA: \(miss.reason)")
            do { try await workspace.alerts.raise(event) } catch {
                onEvent(.problem("the SLA miss of \(name) was not recorded as an alert: \(error.message)"))
            }
        }
    }

    /// Starts sending the due alerts unless a batch is still being sent.
    func deliverAlerts(now: Date) {
        guard alertDelivery == nil else { return }
        let alerts = workspace.alerts
        let onEvent = onEvent
        alertDelivery = Task {
            do { _ = try await alerts.deliverPending(now: now) } catch {
                onEvent(.problem("alerts were not sent: \((error as? CoreError)?.message ?? "\(error)")"))
            }
            self.alertDeliveryEnded()
        }
    }

    func alertDeliveryEnded() { alertDelivery = nil }
}
