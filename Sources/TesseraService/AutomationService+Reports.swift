import Foundation
import TesseraCore

extension AutomationService {
    /// Records the dashboard deliveries due at `now` (on the loop: one read and one write of the
    /// catalog), then renders and sends the due ones off the loop, unless a batch is still under
    /// way: a slow render or webhook never delays a tick or a claim. Their times are the
    /// service clock's, so a test's clock drives schedules and retries alike.
    func scheduleReports(now: Date) async {
        do { _ = try await workspace.deliveries.schedule(now: now) } catch {
            onEvent(.problem("dashboard deliveries were not scheduled: \(error.message)"))
        }
        guard reports == nil else { return }
        let workspace = workspace, onEvent = onEvent
        reports = Task {
            do throws(CoreError) {
                for record in try await workspace.deliveries.deliverPending(now: now) {
                    onEvent(.delivery(record))
                }
            } catch {
                onEvent(.problem("dashboards were not delivered: \(error.message)"))
            }
            self.reportsEnded()
        }
    }

    func reportsEnded() { reports = nil }
}
