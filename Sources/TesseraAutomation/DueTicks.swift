import Foundation
import TesseraModel

/// The ticks of a schedule that came after the last one accounted for, up to now. However many
/// there are, they make one run: a schedule catches up once, not once per tick missed.
struct DueTicks: Sendable, Hashable {
    /// Counting stops here; beyond it only "more than" is said.
    static let countLimit = 100

    let latest: Date
    let count: Int
    /// True when there were more than `countLimit`.
    let countIsLowerBound: Bool

    /// nil when no tick came after `last` up to `now`.
    init?(_ cron: Cron, after last: Date, through now: Date) {
        guard var current = cron.next(after: last), current <= now else { return nil }
        var count = 1
        while let following = cron.next(after: current), following <= now {
            guard count < Self.countLimit else {
                self.init(latest: cron.previous(atOrBefore: now) ?? following, count: count, countIsLowerBound: true)
                return
            }
            count += 1
            current = following
        }
        self.init(latest: current, count: count, countIsLowerBound: false)
    }

    private init(latest: Date, count: Int, countIsLowerBound: Bool) {
        self.latest = latest
        self.count = count
        self.countIsLowerBound = countIsLowerBound
    }
}

/// Due ticks and next ticks by schedule and last tick: the nodes of a domain usually share its
/// schedule and were evaluated together, so one computation serves them all.
struct TickCache {
    private struct Key: Hashable {
        let schedule: String
        let last: Date
    }

    private var due: [Key: DueTicks?] = [:]
    private var next: [Key: Date?] = [:]

    mutating func due(_ cron: Cron, after last: Date, through now: Date) -> DueTicks? {
        let key = Key(schedule: cron.description, last: last)
        if let known = due[key] { return known }
        let computed = DueTicks(cron, after: last, through: now)
        due[key] = computed
        return computed
    }

    mutating func next(_ cron: Cron, after time: Date) -> Date? {
        let key = Key(schedule: cron.description, last: time)
        if let known = next[key] { return known }
        let computed = cron.next(after: time)
        next[key] = computed
        return computed
    }
}
