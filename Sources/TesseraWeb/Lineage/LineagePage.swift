import TesseraCore
import TesseraModel

/// The lineage page: a layered graph around one node (or the whole mesh the viewer may see),
/// filtered by depth and direction, expanded on demand (a `+` marks nodes with more beyond the
/// depth; following a node centres the graph on it), and a column's path highlighted. Under the
/// drawing, the same nodes as a list, for keyboards and screen readers.
struct LineagePage {
    struct Filters {
        var direction: LineageDirection = .both
        /// Nil: every depth.
        var depth: Int? = 2
        var column = ""

        init(_ values: [String: String]) {
            direction = values["direction"].flatMap(LineageDirection.init(rawValue:)) ?? .both
            switch values["depth"] {
            case "all": depth = nil
            case let text?: depth = Int(text).map { min(max($0, 1), 50) } ?? 2
            case nil: depth = 2
            }
            column = values["column"] ?? ""
        }

        init() {}

        var depthText: String { depth.map(String.init) ?? "all" }

        func query(column: String? = nil) -> String {
            var text = "?direction=\(direction.rawValue)&depth=\(depthText)"
            let column = column ?? self.column
            if !column.isEmpty { text += "&column=\(WebPaths.queryValue(column))" }
            return text
        }
    }

    struct Entry {
        var id: String
        var name: String
        var kind: String
        var side: String
    }

    /// Nil for the whole mesh.
    let root: String?
    let filters: Filters
    let entries: [Entry]
    let svg: LineageSVG
    let columns: [String]
    let note: String?

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: root.map { "Lineage of \($0)" } ?? "Lineage of the mesh") {
            el("h1") { root.map { "Lineage of \($0)" } ?? "Lineage of the mesh" }
            if let note { el("p", ["class": "note"]) { note } }
            if root != nil { form() }
            el("p", ["class": "muted"]) {
                "\(entries.count) node\(entries.count == 1 ? "" : "s"), \(svg.layout.routes.count) edge\(svg.layout.routes.count == 1 ? "" : "s")."
                if svg.info.values.contains(where: \.isTruncated) {
                    " A + marks a node with more lineage beyond this depth: follow it, or show more depth."
                }
                if !filters.column.isEmpty { " The path of column \(filters.column) is highlighted." }
            }
            zoomControls()
            el(
                "div",
                ["class": "graph", "id": "graph", "tabindex": "0", "aria-label": "The graph; scroll to see all of it"]
            ) {
                svg.render(label: "Lineage graph of \(entries.count) nodes")
            }
            LineageSVG.legend()
            el("details", ["class": "card"]) {
                el("summary") { "The nodes as a list" }
                Widgets.table(
                    caption: "Every node of the graph.", headers: ["Node", "Kind", "Side"],
                    rows: entries.map { entry in
                        [
                            el("a", ["href": svg.info[entry.id]?.href ?? WebUI.lineageLink(entry)]) { entry.name },
                            .text(entry.kind),
                            .text(entry.side),
                        ]
                    })
            }
        }
    }

    /// Zoom out, in, to fit the view and back to the actual size: the script shows them (they
    /// need it to work); without it the graph scrolls at its actual size.
    func zoomControls() -> HTML {
        el("div", ["class": "zoom", "role": "group", "aria-label": "Zoom the graph", "hidden": ""]) {
            el("button", ["type": "button", "id": "zoom-out", "aria-label": "Zoom out"]) { "− Zoom out" }
            el("button", ["type": "button", "id": "zoom-in", "aria-label": "Zoom in"]) { "+ Zoom in" }
            el("button", ["type": "button", "id": "zoom-fit"]) { "Fit to view" }
            el("button", ["type": "button", "id": "zoom-reset"]) { "Actual size" }
            el("span", ["id": "zoom-level", "class": "muted", "aria-live": "polite"]) { "100 %" }
        }
    }

    func form() -> HTML {
        el("form", ["class": "card search", "method": "get", "action": WebPaths.lineage(root ?? "")]) {
            el("div") {
                el("label", ["for": "direction"]) { "Direction" }
                el("select", ["id": "direction", "name": "direction"]) {
                    for direction in LineageDirection.allCases {
                        el(
                            "option",
                            ["value": direction.rawValue, "selected": direction == filters.direction ? "" : nil]
                        ) {
                            direction.rawValue
                        }
                    }
                }
            }
            el("div") {
                el("label", ["for": "depth"]) { "Depth" }
                el("select", ["id": "depth", "name": "depth"]) {
                    for depth in ["1", "2", "3", "5", "10", "all"] {
                        el("option", ["value": depth, "selected": depth == filters.depthText ? "" : nil]) { depth }
                    }
                }
            }
            if !columns.isEmpty {
                el("div") {
                    el("label", ["for": "column"]) { "Highlight a column's path" }
                    el("select", ["id": "column", "name": "column"]) {
                        el("option", ["value": "", "selected": filters.column.isEmpty ? "" : nil]) { "none" }
                        for column in columns {
                            el("option", ["value": column, "selected": column == filters.column ? "" : nil]) { column }
                        }
                    }
                }
            }
            el("div") { el("button", ["type": "submit"]) { "Show" } }
        }
    }
}
