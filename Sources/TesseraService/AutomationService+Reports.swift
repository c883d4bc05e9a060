import Foundation
import TesseraCore

extension AutomationService {
    /// Records the dashboard deliveries due at `now` (on the loop: one read of the catalog, and a
    /// write when something is due), then renders and sends the due ones off the loop: a slow
    /// render or webhook never delays a tick or a claim. Their times are the service clock's, so
    /// a test's clock drives schedules and retries alike.
    func scheduleReports(now: Date) async {
        do { _ = try await workspace.deliveries.schedule(now: now) } catch {
            onEvent(.problem("dashboard deliveries were not scheduled: \(error.message)"))
        }
        sendReports(now: now)
    }

    /// Starts a batch, or, while one is under way, asks for another when it ends (what this tick
    /// found due must not wait for the next tick).
    func sendReports(now: Date) {
        guard reports == nil else {
            reportsWanted = true
            return
        }
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

    func reportsEnded() {
        reports = nil
        guard reportsWanted, !draining else { return }
        reportsWanted = false
        sendReports(now: clock.now())
    }
}
