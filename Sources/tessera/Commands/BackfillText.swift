import Foundation
import TesseraCore
import TesseraModel

/// How `tessera backfill` writes a backfill and its chunks as text.
enum BackfillText {
    /// `backfill 20261207T… of shop.daily+ over [2026-11-01, 2026-11-06): 5 chunks of 1d`.
    static func summary(_ backfill: BackfillRecord) -> String {
        let count = backfill.chunks.count
        return
            "backfill \(backfill.id) of \(backfill.selection.text) over \(range(backfill)): \(count) chunk\(count == 1 ? "" : "s") of \(TimeSpan(seconds: backfill.chunkSeconds))"
    }

    /// One line of `list`.
    static func line(_ backfill: BackfillRecord) -> String {
        let done = backfill.chunks.filter { $0.state == .succeeded }.count
        return Console.wrapped(
            "\(backfill.id)  \(backfill.state.rawValue)  \(backfill.selection.text)  \(range(backfill))  \(done)/\(backfill.chunks.count) chunks done  by \(backfill.requestedBy)",
            indent: "    ")
    }

    /// `status`: the backfill, then a line per chunk.
    static func detail(_ backfill: BackfillRecord) -> String {
        var lines = [
            "Backfill \(backfill.id): \(backfill.state.rawValue)",
            "  selection  \(backfill.selection.text)",
            "  range      \(range(backfill)) in chunks of \(TimeSpan(seconds: backfill.chunkSeconds))",
            "  driven by  \(backfill.driver == .service ? "tessera serve" : "tessera backfill")",
            "  asked by   \(backfill.requestedBy) at \(Timestamps.text(backfill.createdAt))",
        ]
        if let error = backfill.error {
            lines.append(Console.wrapped("  error      \(error)", indent: "             "))
        }
        lines.append("  chunks")
        for chunk in backfill.chunks {
            var line =
                "    \(String(chunk.index + 1).padding(toLength: 4, withPad: " ", startingAt: 0))\(BackfillChunking.text(start: chunk.start, end: chunk.end))  \(chunk.state.rawValue)"
            if let run = chunk.runID { line += "  run \(run)" }
            if chunk.attempts > 1 { line += "  (attempt \(chunk.attempts))" }
            if let error = chunk.error, chunk.state != .succeeded { line += ": \(error)" }
            lines.append(Console.wrapped(line, indent: "        "))
        }
        return lines.joined(separator: "\n")
    }

    static func chunkStarted(_ chunk: BackfillRecord.Chunk, of backfill: BackfillRecord) -> String {
        "  … \(BackfillProgress.describe(chunk, of: backfill))"
            + (chunk.attempts > 1 ? " (attempt \(chunk.attempts))" : "")
    }

    static func chunkEnded(_ chunk: BackfillRecord.Chunk, of backfill: BackfillRecord) -> String {
        let what = BackfillProgress.describe(chunk, of: backfill)
        switch chunk.state {
        case .succeeded: return "  ✓ \(what)" + (chunk.runID.map { "  run \($0)" } ?? "")
        case .failed: return Console.wrapped("  ✗ \(what) failed: \(chunk.error ?? "")", indent: "    ")
        case .cancelled: return "  - \(what) cancelled"
        case .pending: return "  ! \(what): \(chunk.error ?? "interrupted"); it runs again"
        case .running: return chunkStarted(chunk, of: backfill)
        }
    }

    /// The last line of `start` and `resume`.
    static func ending(_ backfill: BackfillRecord) -> String {
        let done = backfill.chunks.filter { $0.state == .succeeded }.count
        let total = backfill.chunks.count
        switch backfill.state {
        case .succeeded: return "✓ backfill \(backfill.id) succeeded: \(total) of \(total) chunks"
        case .failed:
            return Console.wrapped(
                "✗ backfill \(backfill.id) failed after \(done) of \(total) chunks: \(backfill.error ?? "")\n  hint: fix it, then `tessera backfill resume \(backfill.id)` goes on from the failed chunk",
                indent: "    ")
        case .cancelled:
            return
                "- backfill \(backfill.id) cancelled after \(done) of \(total) chunks; `tessera backfill resume \(backfill.id)` goes on"
        case .running:
            return "backfill \(backfill.id) is running: \(done) of \(total) chunks done"
        }
    }

    static func range(_ backfill: BackfillRecord) -> String {
        BackfillChunking.text(start: backfill.start, end: backfill.end)
    }
}
