import ArgumentParser
import Foundation
import TesseraCore
import TesseraService

/// `tessera serve`'s log: one line per event on stdout, as text or as a JSON object
/// (`{"time", "event", …}`), flushed as it is written so a supervisor sees it at once. Ticks that
/// queued nothing are logged only with --verbose.
struct ServiceLog: Sendable {
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

    let format: Format
    let verbose: Bool

    func write(_ event: ServiceEvent) {
        guard let (name, fields) = Self.describe(event, verbose: verbose) else { return }
        write(name, fields)
    }

    /// A line of the service's own parts that are not the automation's (the HTTP API's `listening`).
    func write(_ name: String, _ fields: [(String, String)]) {
        let time = Timestamps.iso(Date())
        let line: String
        switch format {
        case .json:
            var object: [String: String] = ["time": time, "event": name]
            for (key, value) in fields { object[key] = value }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            line = String(decoding: data, as: UTF8.self)
        case .text:
            line = ([time, name] + fields.map { "\($0.0)=\(Self.quoted($0.1))" }).joined(separator: " ")
        }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A value with spaces is quoted, so a line splits back into its fields.
    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
    }

    /// The event's name and its fields in order; nil for what is not logged.
    static func describe(_ event: ServiceEvent, verbose: Bool) -> (String, [(String, String)])? {
        switch event {
        case .started(let instance): return ("started", [("instance", instance)])
        case .recovered(let run, let again):
            return (
                "recovered", [("queuedRun", run.id), ("state", run.state.rawValue), ("requeued", again?.id ?? "no")]
            )
        case .ticked(let time, let nodes, let queued, let seconds):
            guard verbose || !queued.isEmpty else { return nil }
            let runs = queued.map { ("run", "\($0.id) \($0.selection.text): \($0.reason)") }
            return (
                "tick",
                [
                    ("at", iso(time)), ("nodes", "\(nodes)"), ("queued", "\(queued.count)"),
                    ("ms", String(format: "%.1f", seconds * 1000)),
                ] + runs
            )
        case .slaMissed(let node, let deadline, _):
            return ("sla_missed", [("node", node.displayName), ("deadline", deadline.map(iso) ?? "never had data")])
        case .runStarted(let run, let runID):
            return (
                "run_started",
                [
                    ("queuedRun", run.id), ("runId", runID ?? ""), ("selection", run.selection.text),
                    ("trigger", run.trigger.rawValue),
                ]
            )
        case .runEnded(let run, let runID, let state, let succeeded, let failed, let error):
            var fields = [("queuedRun", run.id), ("runId", runID ?? ""), ("state", state.rawValue)]
            if let succeeded { fields.append(("succeeded", succeeded ? "true" : "false")) }
            if !failed.isEmpty { fields.append(("failed", failed.map(\.displayName).joined(separator: ","))) }
            if let error { fields.append(("error", error)) }
            return ("run_ended", fields)
        case .backfill(let backfill): return ("backfill", backfillFields(backfill))
        case .delivery(let record): return ("delivery", deliveryFields(record))
        case .problem(let text): return ("problem", [("message", text)])
        case .reloaded(let nodes): return ("project_reloaded", [("nodes", "\(nodes)")])
        case .draining(let running): return ("draining", [("running", "\(running)")])
        case .stopped: return ("stopped", [])
        }
    }

    static func iso(_ date: Date) -> String { Timestamps.iso(date) }

    /// `dashboard=sales.overview to="folder reports/" scheduled=… state=delivered attempts=1 file=…`.
    static func deliveryFields(_ record: DeliveryRecord) -> [(String, String)] {
        var fields = [
            ("dashboard", record.draft.dashboard), ("to", record.draft.destination),
            ("scheduled", iso(record.draft.scheduledAt)), ("state", record.state.rawValue),
            ("attempts", "\(record.attempts)"),
        ]
        if let file = record.fileName { fields.append(("file", file)) }
        if record.state == .pending, let next = record.nextAttemptAt { fields.append(("retry", iso(next))) }
        if let error = record.lastError { fields.append(("error", error)) }
        return fields
    }

    /// `id=… state=running succeeded=2/5 running="chunk 3 of 5 [2026-11-03, 2026-11-04)"`.
    static func backfillFields(_ backfill: BackfillRecord) -> [(String, String)] {
        let done = backfill.chunks.filter { $0.state == .succeeded }.count
        var fields = [
            ("id", backfill.id), ("state", backfill.state.rawValue), ("succeeded", "\(done)/\(backfill.chunks.count)"),
        ]
        if let index = BackfillProgress.runningChunk(backfill) {
            let chunk = backfill.chunks[index]
            fields.append(("running", BackfillProgress.describe(chunk, of: backfill)))
            if let queued = chunk.queuedRunID { fields.append(("queuedRun", queued)) }
        }
        if let error = backfill.error { fields.append(("error", error)) }
        return fields
    }
}
