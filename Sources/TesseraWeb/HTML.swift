/// A fragment of HTML in which every piece of text and every attribute value was escaped on the
/// way in: the only way to put text into one is through `HTML.text` or an attribute, and tag and
/// attribute names are `StaticString`s — written in this module's source, never taken from data.
/// So a product's description, a column's value or a search query can never become markup.
public struct HTML: Sendable, Hashable {
    /// The markup, ready to send.
    public private(set) var rendered: String

    /// Markup this module wrote itself (the doctype); never data.
    init(trusted markup: StaticString) { rendered = markup.description }

    private init(rendered: String) { self.rendered = rendered }

    public static let empty = HTML(rendered: "")

    /// Text, escaped for an element's content.
    public static func text(_ text: String) -> HTML { HTML(rendered: escape(text, quotes: false)) }

    /// `<tag attributes>children</tag>`. A nil attribute value leaves the attribute out; an empty
    /// one writes it bare (`disabled`, `required`).
    public static func element(
        _ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], _ children: [HTML]
    ) -> HTML {
        var out = open(tag, attributes)
        for child in children { out += child.rendered }
        out += "</\(tag)>"
        return HTML(rendered: out)
    }

    /// An element without content or end tag (`input`, `meta`, `link`, `br`).
    public static func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) -> HTML {
        HTML(rendered: open(tag, attributes))
    }

    /// A self-closed SVG element (`<rect … />`): inside SVG the HTML parser knows no void
    /// elements, so one without content closes itself.
    public static func shape(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) -> HTML {
        HTML(rendered: String(open(tag, attributes).dropLast()) + "/>")
    }

    public static func + (left: HTML, right: HTML) -> HTML { HTML(rendered: left.rendered + right.rendered) }

    public static func joined(_ parts: [HTML]) -> HTML { HTML(rendered: parts.map(\.rendered).joined()) }

    private static func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?>) -> String {
        var out = "<\(tag)"
        for (name, value) in attributes {
            guard let value else { continue }
            out += value.isEmpty ? " \(name)" : " \(name)=\"\(escape(value, quotes: true))\""
        }
        return out + ">"
    }

    /// `&`, `<` and `>` always; `"` and `'` too inside attribute values.
    public static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

/// Builds HTML from statements: strings become escaped text, `if`, `for` and `switch` work as
/// in any result builder.
@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ html: HTML) -> [HTML] { [html] }
    public static func buildExpression(_ text: String) -> [HTML] { [.text(text)] }
    public static func buildExpression(_ parts: [HTML]) -> [HTML] { parts }
    public static func buildBlock(_ parts: [HTML]...) -> [HTML] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [HTML]?) -> [HTML] { parts ?? [] }
    public static func buildEither(first parts: [HTML]) -> [HTML] { parts }
    public static func buildEither(second parts: [HTML]) -> [HTML] { parts }
    public static func buildArray(_ parts: [[HTML]]) -> [HTML] { parts.flatMap { $0 } }
    public static func buildFinalResult(_ parts: [HTML]) -> HTML { .joined(parts) }
}

/// `el("p", ["class": "note"]) { "text" }`: an element whose children come from a builder.
public func el(
    _ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
    @HTMLBuilder _ children: () -> HTML = { .empty }
) -> HTML {
    .element(tag, attributes, [children()])
}

/// A fragment of several siblings, from a builder.
public func fragment(@HTMLBuilder _ children: () -> HTML) -> HTML { children() }
