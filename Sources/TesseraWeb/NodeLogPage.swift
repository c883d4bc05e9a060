import Foundation
import TesseraCore
import TesseraModel

/// One node's log in a run: each line with its time and level (a word and a colour, never colour
/// alone), the whole text of errors, and the sample rows a failing check quotes when the viewer
/// may see them (otherwise how many were left out). While the run goes, a reload shows the lines
/// logged since.
struct NodeLogPage {
    let log: NodeLog
    let node: NodeRunRecord?

    func render(_ layout: PageLayout) -> HTML {
        let name = log.node.map(NodeLogPage.display) ?? "every node"
        return layout.render(title: "Log of \(name) in run \(log.runId.prefix(12))") {
            el("p") {
                el("a", ["href": WebPaths.run(log.runId)]) { "← Run \(log.runId.prefix(12))" }
            }
            el("h1") { "Log of \(name)" }
            el("p", ["class": "lede"]) {
                "Run "; el("code") { String(log.runId.prefix(12)) }; " "
                Widgets.badge(log.runStatus)
                if let node {
                    " · node "; Widgets.badge(node.status.rawValue)
                    if let rows = node.rows { " · \(Widgets.count(rows)) rows" }
                    if let seconds = node.durationSeconds { " · took \(Widgets.duration(seconds))" }
                }
            }
            if log.runStatus == "running" {
                el("p", ["class": "note", "role": "status"]) {
                    "The run is still going: reload to see the lines logged since."
                }
            }
            el("section", ["class": "card", "aria-labelledby": "log"]) {
                el("h2", ["id": "log"]) { "\(log.lines.count) lines" }
                if log.lines.isEmpty {
                    el("p", ["class": "muted"]) { "Nothing logged for this node yet." }
                } else {
                    el("ol", ["class": "nodelog"]) {
                        for line in log.lines { entry(line) }
                    }
                }
            }
        }
    }

    func entry(_ line: NodeLog.Line) -> HTML {
        el("li", ["class": "level-\(line.level.rawValue)"]) {
            el("div", ["class": "meta"]) {
                el("time", ["datetime": Timestamp.iso(line.at)]) { NodeLogPage.clock(line.at) }
                el("span", ["class": "level"]) { line.level.rawValue }
                if log.node == nil { el("code") { NodeLogPage.display(line.node) } }
            }
            el("pre", ["class": "mono"]) { line.text }
            if let samples = line.samples {
                el("pre", ["class": "mono samples", "aria-label": "Sample rows"]) { samples.joined(separator: "\n") }
            }
            if let note = line.hiddenNote {
                el("p", ["class": "muted hidden-samples"]) { Widgets.sentence(note) + "." }
            }
        }
    }

    /// `2026-12-06 05:00:07.250 UTC`: a log's lines are often within a second of each other. Cut
    /// from the ISO text, as the other times of the UI are (no formatter made per line).
    static func clock(_ date: Date) -> String {
        let iso = Timestamps.iso(date)  // 2026-12-06T05:00:07.250Z
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(12)) UTC"
    }

    /// `product sales.orders`, as the run page names nodes.
    static func display(_ node: String) -> String {
        NodeID(id: node).map { "\($0.kind.rawValue) \($0.displayName)" } ?? node
    }
}
