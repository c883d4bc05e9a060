import Foundation
import TesseraCore

extension AutomationService {
    /// Settles the backfill chunks whose runs ended and queues the next chunk of each backfill the
    /// service drives, before the dispatcher claims: a chunk queued here starts in the same turn.
    /// Not while draining: the next start goes on from the catalog.
    func advanceBackfills() async {
        guard !draining else { return }
        do {
            for backfill in try await workspace.backfills.advance(at: clock.now()) { onEvent(.backfill(backfill)) }
        } catch {
            onEvent(.problem("stepping the backfills failed: \(error.message)"))
        }
    }
}
