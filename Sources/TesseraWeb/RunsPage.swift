import Foundation
import TesseraCore
import TesseraModel

/// Runs: a form to trigger one (the core refuses anyone who may not run those domains), the
/// service's queue with a cancel button on each open run, and the run history. Every form
/// carries the session's CSRF token.
struct RunsPage {
    let runs: [RunSummary]
    let queue: [QueuedRun]
    let csrf: String
    /// A message after a trigger or a cancel.
    var notice: String?
    var problem: String?

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Runs") {
            el("h1") { "Runs" }
            if let notice { el("p", ["class": "note", "role": "status"]) { notice } }
            if let problem { el("p", ["class": "error", "role": "alert"]) { Widgets.sentence(problem) } }
            triggerForm()
            queueCard()
            historyCard()
        }
    }

    func triggerForm() -> HTML {
        el("form", ["class": "card search", "method": "post", "action": WebPaths.runs]) {
            HTML.void("input", ["type": "hidden", "name": "csrf", "value": csrf])
            el("div", ["class": "q"]) {
                el("label", ["for": "select"]) { "Run what (selectors, as `tessera run --select` takes them)" }
                HTML.void(
                    "input",
                    [
                        "id": "select", "name": "select", "type": "text",
                        "placeholder": "e.g. sales.orders+  (empty: everything)",
                    ])
            }
            el("div") { el("button", ["type": "submit", "id": "trigger"]) { "Trigger a run" } }
        }
    }

    func queueCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "queue"]) {
            el("h2", ["id": "queue"]) { "The service's queue" }
            if queue.isEmpty {
                el("p", ["class": "muted"]) { "Nothing queued that you may see." }
            } else {
                Widgets.table(
                    caption: "Runs asked of the service, newest first.",
                    headers: ["Queued run", "State", "Selection", "Asked by", "Queued at", "Run", ""],
                    rows: queue.map { run in
                        [
                            el("code") { run.id },
                            Widgets.badge(run.cancelRequested ? "cancelling" : run.state.rawValue),
                            .text(run.selection.text.isEmpty ? "everything" : run.selection.text),
                            .text(run.requestedBy),
                            Widgets.time(run.enqueuedAt),
                            run.runID.map { id in el("a", ["href": WebPaths.run(id)]) { String(id.prefix(12)) } }
                                ?? .text("—"),
                            run.state.isOpen && !run.cancelRequested ? cancelForm(run.id) : .empty,
                        ]
                    })
            }
        }
    }

    func cancelForm(_ id: String) -> HTML {
        el("form", ["method": "post", "action": WebPaths.cancel(id)]) {
            HTML.void("input", ["type": "hidden", "name": "csrf", "value": csrf])
            el("button", ["type": "submit", "aria-label": "Cancel queued run \(id)"]) { "Cancel" }
        }
    }

    func historyCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "history"]) {
            el("h2", ["id": "history"]) { "History" }
            if runs.isEmpty {
                el("p", ["class": "muted"]) { "No run yet." }
            } else {
                Widgets.table(
                    caption: "The latest runs, newest first.",
                    headers: ["Run", "Status", "Command", "Started", "Took", "Nodes"],
                    rows: runs.map { summary in
                        let run = summary.run
                        return [
                            el("a", ["href": WebPaths.run(run.id)]) { el("code") { String(run.id.prefix(12)) } },
                            Widgets.badge(run.status.rawValue), .text(run.command), Widgets.time(run.startedAt),
                            .text(run.finishedAt.map { Widgets.duration($0.timeIntervalSince(run.startedAt)) } ?? "—"),
                            .text(
                                summary.nodeCounts.sorted { $0.key.rawValue < $1.key.rawValue }
                                    .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")),
                        ]
                    }, numeric: [])
            }
        }
    }
}
