import TesseraCore

/// What `tessera serve` decided for each node at its latest tick and why — run, wait, retry or
/// skip — with what it waits for, its freshness deadline and its last failure: the answer to
/// "why did this not run?" without a terminal.
struct AutomationPage {
    let nodes: [AutomationStatusDocument]

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Automation") {
            el("h1") { "Automation" }
            el("p", ["class": "lede"]) {
                "The service's latest decision for each node you may see, and the reason for it. Nodes without a schedule or automation run only when asked."
            }
            section(
                "automated", title: "Runs by itself",
                nodes.filter(\.runsByItself), empty: "No node declares a schedule or automation.")
            section(
                "manual", title: "Runs when asked", nodes.filter { !$0.runsByItself },
                empty: "Every node you may see runs by itself.")
        }
    }

    private func section(_ id: String, title: String, _ nodes: [AutomationStatusDocument], empty: String) -> HTML {
        el("section", ["class": "card", "aria-labelledby": id]) {
            el("h2", ["id": id]) { title }
            if nodes.isEmpty {
                el("p", ["class": "muted"]) { empty }
            } else {
                Widgets.table(
                    caption: "\(nodes.count) node\(nodes.count == 1 ? "" : "s"); times in UTC.",
                    headers: ["Node", "Decision", "Why", "Waiting for", "Next", "Last run", "Failure"],
                    rows: nodes.map(row))
            }
        }
    }

    private func row(_ node: AutomationStatusDocument) -> [HTML] {
        let next = node.retryAt.map { "retry \(Timestamp.readable($0))" } ?? node.nextTick.map(Timestamp.readable)
        var why = node.reason ?? "not evaluated yet"
        if let freshness = node.freshness, let deadline = freshness.deadline {
            why += freshness.stale ? " (stale since \(Timestamp.readable(deadline)))" : ""
        }
        return [
            el("a", ["href": WebPaths.lineage(node.name)]) { node.name }
                + el("span", ["class": "muted"]) {
                    " (\(node.kind))"
                },
            node.verdict.map { Widgets.badge($0) } ?? .text("—"), .text(why),
            .text(node.waitingFor.isEmpty ? "—" : node.waitingFor.joined(separator: ", ")), .text(next ?? "—"),
            .text(node.lastUpdated.map(Timestamp.readable) ?? "—"), .text(node.failure ?? "—"),
        ]
    }
}
