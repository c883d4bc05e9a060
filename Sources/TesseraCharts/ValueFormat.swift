import Foundation

/// Numbers as labels, by a small pattern language: `0` (whole), `0.00` (two decimals), `0,0`
/// (thousands separators), a trailing `%` (times 100), a leading currency sign (`$`, `€`, `£`),
/// a trailing `a` (abbreviated: 1.2k, 3.4M, 5B). No pattern: as many decimals as the value needs,
/// up to two, with separators.
public struct NumberFormat: Sendable, Hashable {
    public var decimals: Int?
    public var grouping: Bool
    public var percent: Bool
    public var prefix: String
    public var abbreviate: Bool

    public init(pattern: String?) {
        var body = Substring(pattern ?? "0,0.[00]")
        prefix = ""
        while let first = body.first, !"0#,.".contains(first) {
            prefix.append(first)
            body = body.dropFirst()
        }
        percent = body.hasSuffix("%")
        if percent { body = body.dropLast() }
        abbreviate = body.hasSuffix("a")
        if abbreviate { body = body.dropLast() }
        grouping = body.contains(",")
        if body.hasSuffix(".[00]") {
            decimals = nil
        } else if let dot = body.firstIndex(of: ".") {
            decimals = body[body.index(after: dot)...].filter { $0 == "0" }.count
        } else {
            decimals = 0
        }
    }

    /// Whether `pattern` is one this format reads as written.
    public static func isValid(_ pattern: String) -> Bool {
        let allowed = Set("0#,.[]%a$€£ ")
        return !pattern.isEmpty && pattern.allSatisfy { allowed.contains($0) } && pattern.contains("0")
    }

    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
        var number = percent ? value * 100 : value
        var suffix = percent ? "%" : ""
        if abbreviate {
            let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
            if let unit = units.first(where: { abs(number) >= $0.0 }) {
                number /= unit.0
                suffix = unit.1 + suffix
            }
        }
        let places = decimals ?? (number.rounded() == number ? 0 : (abs(number) < 1 ? 2 : min(2, neededPlaces(number))))
        let sign = number < 0 ? "-" : ""
        return sign + prefix + digits(abs(number), places: places) + suffix
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
