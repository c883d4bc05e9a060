import Foundation

/// Draws a `LayeredLayout` as inline SVG: one box per node (a link to its own lineage), one
/// curve per edge, the chosen node and a column's path marked by class (the style sheet colours
/// them; nothing inline, as the Content-Security-Policy wants). Every name goes through `HTML`,
/// escaped. The browser only draws: the layout is done.
struct LineageSVG {
    struct NodeInfo {
        var label: String
        var kind: String
        var href: String
        /// Shown on hover and read by screen readers.
        var title: String
        var isRoot = false
        var isHighlighted = false
        /// More lineage beyond the depth shown.
        var isTruncated = false
        /// A second line: the columns of the highlighted path in this node.
        var detail: String?
    }

    let layout: LayeredLayout
    let info: [String: NodeInfo]
    /// Edges on the highlighted column's path, as `from\u{0}to`.
    var highlightedEdges: Set<String> = []

    /// Characters that fit a box (the system font at 13px is about 7px a character).
    var labelLength: Int { max(8, Int((layout.options.nodeWidth - 16) / 7)) }

    func render(label: String) -> HTML {
        let width = Self.number(layout.width), height = Self.number(layout.height)
        return el(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "lineage", "width": width, "height": height,
                "viewBox": "0 0 \(width) \(height)", "role": "img", "aria-label": label,
            ]
        ) {
            el("defs") {
                el(
                    "marker",
                    [
                        "id": "arrow", "viewBox": "0 0 10 10", "refX": "10", "refY": "5", "markerWidth": "7",
                        "markerHeight": "7", "orient": "auto-start-reverse",
                    ]
                ) { HTML.shape("path", ["d": "M 0 0 L 10 5 L 0 10 z", "class": "arrow"]) }
            }
            el("g", ["class": "edges"]) { for route in layout.routes { edge(route) } }
            el("g", ["class": "nodes"]) { for node in layout.nodes { box(node) } }
        }
    }

    func edge(_ route: LayeredLayout.Route) -> HTML {
        let highlighted = highlightedEdges.contains(route.from + "\u{0}" + route.to)
        return HTML.shape(
            "path",
            [
                "d": Self.path(route.points), "class": highlighted ? "edge hl" : "edge", "marker-end": "url(#arrow)",
                "data-from": route.from, "data-to": route.to,
            ])
    }

    func box(_ node: LayeredLayout.Node) -> HTML {
        let info = self.info[node.id] ?? NodeInfo(label: node.id, kind: "node", href: "#", title: node.id)
        var classes = "node kind-\(info.kind)"
        if info.isRoot { classes += " root" }
        if info.isHighlighted { classes += " hl" }
        let options = layout.options
        let label = info.label.count > labelLength ? String(info.label.prefix(labelLength - 1)) + "…" : info.label
        return el("a", ["href": info.href, "class": classes, "data-id": node.id]) {
            el("title") { info.title }
            HTML.shape(
                "rect",
                [
                    "x": Self.number(node.x), "y": Self.number(node.y), "width": Self.number(options.nodeWidth),
                    "height": Self.number(options.nodeHeight), "rx": "5",
                ])
            if let detail = info.detail {
                el("text", ["x": Self.number(node.x + 8), "y": Self.number(node.y + 14)]) { label }
                el("text", ["x": Self.number(node.x + 8), "y": Self.number(node.y + 28), "class": "detail"]) {
                    detail.count > labelLength ? String(detail.prefix(labelLength - 1)) + "…" : detail
                }
            } else {
                el("text", ["x": Self.number(node.x + 8), "y": Self.number(node.y + options.nodeHeight / 2 + 4.5)]) {
                    label
                }
            }
            if info.isTruncated {
                el(
                    "text",
                    ["x": Self.number(node.x + options.nodeWidth - 14), "y": Self.number(node.y + 14), "class": "more"]
                ) {
                    "+"
                }
            }
        }
    }

    /// What the colours and marks mean, under the drawing.
    static func legend() -> HTML {
        func swatch(_ kind: StaticString, _ word: String) -> HTML {
            el("span", ["class": "swatch"]) {
                el(
                    "svg",
                    [
                        "xmlns": "http://www.w3.org/2000/svg", "class": "lineage", "width": "16", "height": "12",
                        "aria-hidden": "true",
                    ]
                ) {
                    el("g", ["class": "kind-\(kind)"]) {
                        HTML.shape("rect", ["x": "1", "y": "1", "width": "14", "height": "10", "rx": "2"])
                    }
                }
                " " + word
            }
        }
        return el("p", ["class": "legend muted"]) {
            swatch("source", "source")
            swatch("model", "model")
            swatch("product", "product")
            swatch("dashboard", "dashboard")
            el("span") { "thick border: the node asked for · orange: the column's path · +: more beyond this depth" }
        }
    }

    /// A curve through the route: an S-bend between layers, straight through a dummy's width.
    static func path(_ points: [LayeredLayout.Point]) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(number(first.x)) \(number(first.y))"
        for (from, to) in zip(points, points.dropFirst()) {
            if from.y == to.y || to.x <= from.x {
                d += " L\(number(to.x)) \(number(to.y))"
            } else {
                let bend = (to.x - from.x) / 2
                d +=
                    " C\(number(from.x + bend)) \(number(from.y)) \(number(to.x - bend)) \(number(to.y)) \(number(to.x)) \(number(to.y))"
            }
        }
        return d
    }

    /// At most one decimal, no exponent: what SVG attributes want. Written from whole tenths:
    /// `String(format:)` was the slowest part of drawing a chart with many shapes.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.magnitude < 1e15 else { return value.isFinite ? String(format: "%.1f", value) : "0" }
        let whole = Int64(tenths)
        if whole % 10 == 0 { return String(whole / 10) }
        return (whole < 0 ? "-" : "") + String(whole.magnitude / 10) + "." + String(whole.magnitude % 10)
    }
}
