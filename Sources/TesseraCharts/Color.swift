/// An sRGB colour.
public struct Color: Sendable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// From `0xRRGGBB`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    public func with(alpha: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    /// `#rrggbb`, as SVG writes it.
    public var hexText: String {
        func byte(_ value: Double) -> String {
            let text = String(Int((min(max(value, 0), 1) * 255).rounded()), radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    public static let ink = Color(hex: 0x1F2328)
    public static let muted = Color(hex: 0x5F6B76)
    public static let grid = Color(hex: 0xE3E6EA)
    public static let axis = Color(hex: 0x9AA3AD)
    public static let panel = Color(hex: 0xF6F8FA)
    public static let white = Color(hex: 0xFFFFFF)
    public static let rise = Color(hex: 0x1A7F37)
    public static let fall = Color(hex: 0xCF222E)
}

/// The series colours, in order: Tableau 10, distinct for most colour vision. The first is the
/// colour of a single-series chart.
public enum Palette {
    public static let colors: [Color] = [
        0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC,
    ].map { Color(hex: $0) }

    public static func color(_ index: Int) -> Color { colors[index % colors.count] }
}
