import Foundation

/// Numbers as labels, by a small pattern language: `0` (whole), `0.00` (two decimals), `0,0`
/// (thousands separators), a trailing `%` (times 100), a trailing `a` (abbreviated: 1.2k, 3.4M,
/// 5B), and any text before or after (`$0,0.00`, `0,0 €`). No pattern: as many decimals as the
/// value needs, up to two, with separators.
public struct NumberFormat: Sendable, Hashable {
    public var decimals: Int?
    public var grouping: Bool
    public var percent: Bool
    public var prefix: String
    public var suffix: String
    public var abbreviate: Bool

    static let core = Set("0#,.[]")

    public init(pattern: String?) {
        let (prefix, body, suffix) = Self.split(pattern ?? "0,0.[00]")
        self.prefix = prefix
        self.suffix = suffix
        var rest = Substring(body)
        percent = rest.hasSuffix("%")
        if percent { rest = rest.dropLast() }
        abbreviate = rest.hasSuffix("a")
        if abbreviate { rest = rest.dropLast() }
        grouping = rest.contains(",")
        if rest.hasSuffix(".[00]") {
            decimals = nil
        } else if let dot = rest.firstIndex(of: ".") {
            decimals = rest[rest.index(after: dot)...].filter { $0 == "0" }.count
        } else {
            decimals = 0
        }
    }

    /// Text before the digits, the pattern itself (digits, separators, `%`, `a`), text after.
    static func split(_ pattern: String) -> (String, String, String) {
        let characters = Array(pattern)
        guard let first = characters.firstIndex(where: { core.contains($0) }) else { return (pattern, "", "") }
        var end = first
        while end < characters.count, core.contains(characters[end]) { end += 1 }
        for marker in ["%", "a"] where end < characters.count && characters[end] == Character(marker) { end += 1 }
        return (String(characters[..<first]), String(characters[first..<end]), String(characters[end...]))
    }

    /// Whether `pattern` has digits this format reads.
    public static func isValid(_ pattern: String) -> Bool {
        let body = split(pattern).1
        return body.contains("0") && !body.contains("##")
    }

    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
        var number = percent ? value * 100 : value
        var unit = percent ? "%" : ""
        if abbreviate {
            let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
            if let (size, letter) = units.first(where: { abs(number) >= $0.0 }) {
                number /= size
                unit = letter + unit
            }
        }
        let places = decimals ?? (number.rounded() == number ? 0 : (abs(number) < 1 ? 2 : min(2, neededPlaces(number))))
        let sign = number < 0 ? "-" : ""
        return sign + prefix + digits(abs(number), places: places) + unit + self.suffix
    }

    private func neededPlaces(_ value: Double) -> Int {
        (value * 10).rounded() == value * 10 ? 1 : 2
    }

    private func digits(_ value: Double, places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        guard grouping else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// Dates as labels, by strftime-like directives: `%Y` (2026), `%m` (03), `%d` (07), `%e` (7),
/// `%b` (Mar), `%B` (March), `%a` (Sat), `%H:%M` (time of day, UTC). Always English, always UTC.
public struct DateFormat: Sendable, Hashable {
    public var pattern: String

    public init(pattern: String?) { self.pattern = pattern ?? "%Y-%m-%d" }

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let directives: Set<Character> = ["Y", "m", "d", "e", "b", "B", "a", "H", "M", "S", "%"]

    /// Whether every `%` of `pattern` starts a known directive.
    public static func isValid(_ pattern: String) -> Bool {
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            guard character == "%" else { continue }
            guard let directive = characters.next(), directives.contains(directive) else { return false }
        }
        return true
    }

    /// `seconds` since 1970-01-01 UTC.
    public func format(_ seconds: Double) -> String {
        let day = DateRangeDay(seconds: seconds)
        let secondOfDay = Int(seconds - (seconds / 86_400).rounded(.down) * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var output = ""
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            guard character == "%", let directive = characters.next() else {
                output.append(character)
                continue
            }
            switch directive {
            case "Y": output += String(day.year)
            case "m": output += two(day.month)
            case "d": output += two(day.day)
            case "e": output += String(day.day)
            case "b": output += String(Self.months[day.month - 1].prefix(3))
            case "B": output += Self.months[day.month - 1]
            case "a": output += String(Self.weekdays[day.weekday].prefix(3))
            case "H": output += two(secondOfDay / 3600)
            case "M": output += two(secondOfDay / 60 % 60)
            case "S": output += two(secondOfDay % 60)
            default: output.append(directive)
            }
        }
        return output
    }
}
