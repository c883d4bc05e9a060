import TesseraCore

/// The audit log, for mesh admins: the newest entries, optionally of one action, and whether the
/// hash chain is intact.
struct AuditPage {
    let entries: [AuditEntry]
    let action: String
    let verification: AuditVerification

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Audit log") {
            el("h1") { "Audit log" }
            if verification.intact {
                el("p", ["class": "note"]) {
                    Widgets.badge("intact")
                    " The hash chain of \(verification.entries) entries verifies."
                }
            } else {
                el("p", ["class": "error", "role": "alert"]) {
                    "The hash chain does not verify: \(verification.problem?.message ?? "unknown problem")."
                }
            }
            el("form", ["class": "card search", "method": "get", "action": WebPaths.audit]) {
                el("div") {
                    el("label", ["for": "action"]) { "Action" }
                    el("select", ["id": "action", "name": "action"]) {
                        el("option", ["value": "", "selected": action.isEmpty ? "" : nil]) { "any" }
                        for known in AuditAction.allCases.map(\.rawValue) {
                            el("option", ["value": known, "selected": known == action ? "" : nil]) { known }
                        }
                    }
                }
                el("div") { el("button", ["type": "submit"]) { "Show" } }
            }
            el("section", ["class": "card"]) {
                Widgets.table(
                    caption: "The newest \(entries.count) entries\(action.isEmpty ? "" : " of \(action)").",
                    headers: ["#", "Time", "Actor", "Action", "Target", "Outcome", "Detail"],
                    rows: entries.map { entry in
                        [
                            .text(String(entry.sequence)), .text(Timestamp.readable(entry.time)), .text(entry.actor),
                            el("code") { entry.action }, .text(entry.target), Widgets.badge(entry.outcome),
                            el("code", ["class": "detail"]) {
                                entry.detail.count > 300 ? String(entry.detail.prefix(299)) + "…" : entry.detail
                            },
                        ]
                    }, numeric: [0])
            }
        }
    }
}
