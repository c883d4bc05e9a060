import Foundation

/// Makes run ids that sort by start time and are short enough to type a prefix of:
/// `20261123T101500Z-3f9a` (UTC to the second, then 4 random hex digits). Two runs started in
/// the same second collide with probability 1/65,536; the catalog then refuses the second id
/// (`CatalogError.Kind.conflict`) instead of mixing two runs' nodes.
public enum RunID {
    public static func make(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}
