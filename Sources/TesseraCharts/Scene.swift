/// What a dashboard looks like, as drawing primitives in points (1/72 inch) from a page's top
/// left: the one thing the SVG and cairo writers draw, so every format shows the same picture.
public struct Scene: Sendable {
    public var pages: [ScenePage]
    /// Written into each file: the dashboard's title, who it shows the data to, the snapshots.
    public var metadata: SceneMetadata

    public init(pages: [ScenePage], metadata: SceneMetadata) {
        self.pages = pages
        self.metadata = metadata
    }
}

public struct SceneMetadata: Sendable, Hashable {
    public var title: String
    /// e.g. `principal=domain:finance; snapshots=sales.orders@…`.
    public var subject: String

    public init(title: String, subject: String) {
        self.title = title
        self.subject = subject
    }
}

public struct ScenePage: Sendable {
    public var width: Double
    public var height: Double
    public var items: [SceneItem]

    public init(width: Double, height: Double, items: [SceneItem] = []) {
        self.width = width
        self.height = height
        self.items = items
    }
}

public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Rect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The rectangle shrunk by `top`, `right`, `bottom`, `left`.
    public func inset(top: Double = 0, right: Double = 0, bottom: Double = 0, left: Double = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: max(width - left - right, 0), height: max(height - top - bottom, 0))
    }
}

public enum TextAnchor: String, Sendable {
    case start, middle, end
}

/// A run of text on one line, its baseline at `at`.
public struct TextItem: Sendable {
    public var text: String
    public var at: Point
    public var size: Double
    public var anchor: TextAnchor
    public var bold: Bool
    public var color: Color
    /// Degrees, counter-clockwise (an y axis title is 90).
    public var angle: Double

    public init(
        _ text: String, at: Point, size: Double, anchor: TextAnchor = .start, bold: Bool = false,
        color: Color = .ink, angle: Double = 0
    ) {
        self.text = text
        self.at = at
        self.size = size
        self.anchor = anchor
        self.bold = bold
        self.color = color
        self.angle = angle
    }
}

public enum SceneItem: Sendable {
    case rect(Rect, fill: Color?, stroke: Color? = nil, lineWidth: Double = 1)
    /// An open (a line) or closed (an area) path through `points`.
    case path([Point], closed: Bool, fill: Color?, stroke: Color?, lineWidth: Double = 1)
    case circle(center: Point, radius: Double, fill: Color)
    case text(TextItem)
}
