import Foundation

/// A scene as one SVG document: its pages one below the other, text as `<text>` in DejaVu Sans,
/// the title and the metadata (viewer, snapshots) in `<title>` and `<desc>`.
public enum SVGWriter {
    static let pageGap = 16.0

    public static func svg(_ scene: Scene) -> String {
        let width = scene.pages.map(\.width).max() ?? 0
        let height = scene.pages.map(\.height).reduce(0, +) + pageGap * Double(max(scene.pages.count - 1, 0))
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, Verdana, sans-serif">
            <title>\(escape(scene.metadata.title))</title>
            <desc>\(escape(scene.metadata.subject))</desc>

            """
        var offset = 0.0
        for page in scene.pages {
            out += "<g transform=\"translate(0 \(n(offset)))\">\n"
            out += "<rect x=\"0\" y=\"0\" width=\"\(n(page.width))\" height=\"\(n(page.height))\" fill=\"#ffffff\"/>\n"
            for item in page.items { out += element(item) + "\n" }
            out += "</g>\n"
            offset += page.height + pageGap
        }
        return out + "</svg>\n"
    }

    static func element(_ item: SceneItem) -> String {
        switch item {
        case .rect(let rect, let fill, let stroke, let lineWidth):
            return
                "<rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\"\(paint(fill, stroke, lineWidth))/>"
        case .path(let points, let closed, let fill, let stroke, let lineWidth):
            let d = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(n($0.element.x)) \(n($0.element.y))" }
                .joined(separator: " ")
            return "<path d=\"\(d)\(closed ? " Z" : "")\"\(paint(fill, stroke, lineWidth))/>"
        case .circle(let center, let radius, let fill):
            return "<circle cx=\"\(n(center.x))\" cy=\"\(n(center.y))\" r=\"\(n(radius))\"\(paint(fill, nil, 0))/>"
        case .text(let text):
            return textElement(text)
        }
    }

    private static func textElement(_ text: TextItem) -> String {
        var attributes = "x=\"\(n(text.at.x))\" y=\"\(n(text.at.y))\" font-size=\"\(n(text.size))\""
        if text.anchor != .start { attributes += " text-anchor=\"\(text.anchor.rawValue)\"" }
        if text.bold { attributes += " font-weight=\"bold\"" }
        attributes += " fill=\"\(text.color.hexText)\""
        if text.angle != 0 { attributes += " transform=\"rotate(\(n(-text.angle)) \(n(text.at.x)) \(n(text.at.y)))\"" }
        return "<text \(attributes)>\(escape(text.text))</text>"
    }

    private static func paint(_ fill: Color?, _ stroke: Color?, _ lineWidth: Double) -> String {
        var out = " fill=\"\(fill?.hexText ?? "none")\""
        if let fill, fill.alpha < 1 { out += " fill-opacity=\"\(n(fill.alpha))\"" }
        if let stroke {
            out += " stroke=\"\(stroke.hexText)\" stroke-width=\"\(n(lineWidth))\" stroke-linejoin=\"round\""
        }
        return out
    }

    /// A coordinate with at most two decimals, no trailing zeros.
    static func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // Control characters are not allowed in XML 1.0 text.
                if let scalar = character.unicodeScalars.first, scalar.value < 0x20, !"\t\n\r".contains(character) {
                    out += " "
                } else {
                    out.append(character)
                }
            }
        }
        return out
    }
}
