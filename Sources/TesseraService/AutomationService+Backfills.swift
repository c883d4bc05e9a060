import Foundation
import TesseraCore

extension AutomationService {
    /// Settles the backfill chunks whose runs ended and queues the next chunk of each backfill the
    /// service drives, before the dispatcher claims: a chunk queued here starts in the same turn.
    /// Not while draining: the next start goes on from the catalog.
    func advanceBackfills() async {
        guard !draining else { return }
        do {
            for step in try await workspace.backfills.advance(at: clock.now()) {
                switch step {
                case .success(let backfill): onEvent(.backfill(backfill))
                case .failure(let error): onEvent(.problem("stepping a backfill failed: \(error.message)"))
                }
            }
        } catch {
            onEvent(.problem("stepping the backfills failed: \(error.message)"))
        }
    }
}
