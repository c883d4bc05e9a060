import Foundation
import TesseraCore
import TesseraModel

/// One run: its nodes on a timeline (a Gantt chart in SVG, each bar from the node's start to its
/// end on one time axis), then each node's status, rows, time and what it said (the reason, the
/// error), each linked to the node's whole log (`NodeLogPage`), for the nodes the viewer may see.
struct RunPage {
    let detail: RunDetail

    func render(_ layout: PageLayout) -> HTML {
        let run = detail.run
        return layout.render(title: "Run \(run.id.prefix(12))") {
            el("h1") {
                "Run "; el("code") { String(run.id.prefix(12)) }
            }
            el("p", ["class": "lede"]) {
                Widgets.badge(run.status.rawValue)
                " \(run.command)" + (run.selector.map { " \($0)" } ?? "") + " · started "
                Widgets.time(run.startedAt)
                if let finished = run.finishedAt {
                    " · took \(Widgets.duration(finished.timeIntervalSince(run.startedAt)))"
                }
            }
            el("section", ["class": "card", "aria-labelledby": "timeline"]) {
                el("h2", ["id": "timeline"]) { "Timeline" }
                el("div", ["class": "graph"]) { gantt() }
            }
            nodesCard()
        }
    }

    var timed: [NodeRunRecord] {
        detail.nodes.filter { $0.startedAt != nil }.sorted {
            ($0.startedAt ?? .distantPast) < ($1.startedAt ?? .distantPast)
        }
    }

    /// Bars on one axis from the run's start; a node still running reaches to its last known end.
    func gantt() -> HTML {
        let nodes = timed
        let start = min(nodes.first?.startedAt ?? detail.run.startedAt, detail.run.startedAt)
        let ends = nodes.map { $0.finishedAt ?? $0.startedAt ?? start } + [detail.run.finishedAt ?? start]
        let span = max(ends.map { $0.timeIntervalSince(start) }.max() ?? 0, 0.001)
        let (label, chart, row) = (260.0, 640.0, 24.0)
        let height = Double(nodes.count) * row + 30
        let width = label + chart + 20
        let x = { (date: Date) in label + date.timeIntervalSince(start) / span * chart }
        guard !nodes.isEmpty else { return el("p", ["class": "muted"]) { "No node of this run has started." } }
        return el(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "gantt", "width": LineageSVG.number(width),
                "height": LineageSVG.number(height),
                "viewBox": "0 0 \(LineageSVG.number(width)) \(LineageSVG.number(height))",
                "role": "img", "aria-label": "Timeline of \(nodes.count) nodes over \(Widgets.duration(span))",
            ]
        ) {
            for (index, node) in nodes.enumerated() {
                let top = Double(index) * row
                let begin = x(node.startedAt ?? start), end = x(node.finishedAt ?? node.startedAt ?? start)
                el("g", ["class": "bar status-\(node.status.rawValue)"]) {
                    el("title") {
                        "\(display(node.node)): \(node.status.rawValue), \(Widgets.duration(node.durationSeconds ?? 0))"
                    }
                    el("text", ["x": "4", "y": LineageSVG.number(top + 16)]) { String(display(node.node).prefix(34)) }
                    HTML.shape(
                        "rect",
                        [
                            "x": LineageSVG.number(begin), "y": LineageSVG.number(top + 4),
                            "width": LineageSVG.number(max(end - begin, 2)), "height": LineageSVG.number(row - 8),
                            "rx": "3",
                        ])
                }
            }
            el("text", ["x": LineageSVG.number(label), "y": LineageSVG.number(height - 6), "class": "axis"]) { "0 s" }
            el(
                "text",
                ["x": LineageSVG.number(label + chart), "y": LineageSVG.number(height - 6), "class": "axis end"]
            ) {
                Widgets.duration(span)
            }
        }
    }

    /// `model sales.orders`: a model and its product often share a name.
    func display(_ node: String) -> String {
        NodeID(id: node).map { "\($0.kind.rawValue) \($0.displayName)" } ?? node
    }

    func nodesCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "nodes"]) {
            el("h2", ["id": "nodes"]) { "Nodes" }
            Widgets.table(
                caption: "Each node you may see, in the order it ran, with what it reported.",
                headers: ["Node", "Status", "Rows", "Took", "Log"],
                rows: detail.nodes.map { node in
                    [
                        el("a", ["href": WebPaths.nodeLog(run: detail.run.id, node: node.node)]) { display(node.node) },
                        Widgets.badge(node.status.rawValue),
                        .text(node.rows.map(Widgets.count) ?? "—"),
                        .text(node.durationSeconds.map(Widgets.duration) ?? "—"),
                        el("div", ["class": "log"]) {
                            if let reason = node.reason { el("div") { reason } }
                            if let error = node.error { el("pre", ["class": "mono"]) { error } }
                            el(
                                "a",
                                [
                                    "href": WebPaths.nodeLog(run: detail.run.id, node: node.node),
                                    "aria-label": "Full log of \(display(node.node))",
                                ]
                            ) { "Full log" }
                        },
                    ]
                }, numeric: [2])
        }
    }
}
