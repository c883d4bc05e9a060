import Foundation
import TesseraCore

/// Small pieces several pages use: badges, tag lists, tables, times.
enum Widgets {
    /// A freshness or status word as a coloured badge (the word is always there: colour is never
    /// the only signal).
    static func badge(_ word: String) -> HTML {
        let tone: String =
            switch word {
            case "fresh", "succeeded", "pass", "published", "clear", "current", "intact", "signed in": "good"
            case "stale", "warn", "running", "queued", "masked", "partial", "cancelling": "warn"
            case "failed", "fail", "error", "quarantined", "interrupted", "never published", "refused": "bad"
            default: "info"
            }
        return el("span", ["class": "badge \(tone)"]) { word }
    }

    /// The core's messages start in lower case (they are also parts of CLI lines); on a page
    /// each is a sentence of its own.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    static func tags(_ tags: [String]) -> HTML {
        guard !tags.isEmpty else { return .empty }
        return el("ul", ["class": "tags", "aria-label": "Tags"]) {
            for tag in tags { el("li") { el("a", ["href": WebPaths.search("tag:\(tag)")]) { tag } } }
        }
    }

    /// A table with a header row, in a scrolling wrapper so a phone scrolls it sideways.
    static func table(caption: String, headers: [String], rows: [[HTML]], numeric: Set<Int> = []) -> HTML {
        el("div", ["class": "table-wrap"]) {
            el("table") {
                el("caption", ["class": "muted"]) { caption }
                el("thead") {
                    el("tr") {
                        for (index, header) in headers.enumerated() {
                            el("th", ["scope": "col", "class": numeric.contains(index) ? "num" : nil]) { header }
                        }
                    }
                }
                el("tbody") {
                    for row in rows {
                        el("tr") {
                            for (index, cell) in row.enumerated() {
                                el("td", ["class": numeric.contains(index) ? "num" : nil]) { cell }
                            }
                        }
                    }
                }
            }
        }
    }

    static func time(_ date: Date) -> HTML {
        let iso = Timestamp.iso(date)
        return el("time", ["datetime": iso]) { Timestamp.readable(date) }
    }

    static func age(seconds: Double) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds)) s"
        case ..<7200: "\(Int(seconds / 60)) min"
        case ..<172_800: "\(Int(seconds / 3600)) h"
        default: "\(Int(seconds / 86400)) days"
        }
    }

    /// `0.42 s`, `12 s`, `3 min 5 s`, `2 h 4 min`.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<10: String(format: "%.2f s", seconds)
        case ..<120: "\(Int(seconds.rounded())) s"
        case ..<7200: "\(Int(seconds / 60)) min \(Int(seconds.truncatingRemainder(dividingBy: 60))) s"
        default: "\(Int(seconds / 3600)) h \(Int(seconds.truncatingRemainder(dividingBy: 3600) / 60)) min"
        }
    }

    static func count(_ value: Int64) -> String { value.formatted(countStyle) }

    private static let countStyle = IntegerFormatStyle<Int64>.number.grouping(.automatic)
        .locale(Locale(identifier: "en_US_POSIX"))
}

/// Times as the UI writes them: ISO 8601 in UTC for machines, `2026-12-06 05:00 UTC` for people.
enum Timestamp {
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Cut from the ISO text: a `DateFormatter` made per call (an ICU formatter each time) was a
    /// twelfth of a product page's time, and one shared is not safe across threads.
    static func readable(_ date: Date) -> String {
        let iso = date.formatted(.iso8601)  // 2026-12-06T05:00:00Z
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5)) UTC"
    }

    /// An ISO 8601 text from the core, readable; as it is when it does not parse.
    static func readable(_ text: String) -> String {
        (try? Date(text, strategy: .iso8601)).map(readable) ?? text
    }
}
