import Foundation

/// Times as messages show them: `2026-12-07 06:00 +01:00` on a zone's clocks, `… UTC` in UTC,
/// seconds only when there are some. Written with integer arithmetic: an evaluation of the
/// automation formats a time for each of thousands of nodes.
public enum TimeText {
    public static func format(_ date: Date, in zone: TimeZone = Cron.utc) -> String {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = zone.secondsFromGMT(for: date)
        let local = second + offset
        let civil = CivilTime.date(ofDay: CivilTime.floorDiv(local, 86_400))
        let secondOfDay = CivilTime.floorMod(local, 86_400)
        var text =
            "\(civil.year)-\(two(civil.month))-\(two(civil.day)) \(two(secondOfDay / 3_600)):\(two(secondOfDay / 60 % 60))"
        if secondOfDay % 60 != 0 { text += ":\(two(secondOfDay % 60))" }
        if zone.identifier == "UTC" || zone.identifier == "GMT" { return text + " UTC" }
        let sign = offset < 0 ? "-" : "+"
        return text + " \(sign)\(two(abs(offset) / 3_600)):\(two(abs(offset) / 60 % 60))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
