import Foundation
import Yams

extension ParseSession {
    static let automationKeys = ["schedule", "automation", "retries", "sla"]
    static let alertingKeys = ["alerts", "concurrency"]
    static let scheduleKeys = ["cron", "timezone"]
    static let retriesKeys = ["max", "backoff"]
    static let slaKeys = ["freshness"]
    static let alertKeys = ["webhook", "format", "on"]
    static let concurrencyKeys = ["runs"]

    /// `schedule`, `automation`, `retries` and `sla` of a node, or domain.yaml's defaults for its
    /// nodes. `eagerRefusal` is why `automation: eager` cannot be used here, when it cannot.
    func readAutomation(_ root: MappingReader, eagerRefusal: (message: String, hint: String)? = nil) -> Automation {
        var automation = Automation()
        automation.schedule = readSchedule(root)
        if let node = root.value("automation"),
            let condition = root.reader.enumeration(node, path: "automation", as: Automation.Condition.self)
        {
            if let eagerRefusal {
                root.reader.error(eagerRefusal.message, at: node, hint: eagerRefusal.hint)
            } else {
                automation.condition = condition
            }
        }
        automation.retries = root.mapping("retries").flatMap(readRetries)
        if let block = root.mapping("sla") {
            block.allowKeys(ParseSession.slaKeys)
            if let node = block.value("freshness"), let span = root.reader.timeSpan(node, path: "sla.freshness") {
                if span.seconds > 0 {
                    automation.sla.freshness = span
                } else {
                    root.reader.error(
                        "'sla.freshness' must be longer than 0s", at: node,
                        hint: "how old the data may get before it is stale, e.g. `freshness: 24h`")
                }
            }
        }
        return automation
    }

    /// `schedule: "0 6 * * *"` (UTC) or `schedule: {cron: "0 6 * * *", timezone: Europe/Berlin}`.
    private func readSchedule(_ root: MappingReader) -> Cron? {
        guard let node = root.value("schedule") else { return nil }
        return readSchedule(node, path: "schedule", reader: root.reader)
    }

    /// A schedule at `path` (a node's `schedule`, a dashboard delivery's `deliver[1].schedule`).
    func readSchedule(_ node: Node, path: String, reader: YAMLReader) -> Cron? {
        var cronNode = node
        var timeZone = Cron.utc
        if case .mapping = node {
            guard let block = reader.mapping(node, path: path) else { return nil }
            block.allowKeys(ParseSession.scheduleKeys)
            guard
                let cron = block.required(
                    "cron", hint: "e.g. `schedule: {cron: \"0 6 * * *\", timezone: Europe/Berlin}`")
            else { return nil }
            cronNode = cron
            if let zoneNode = block.value("timezone") {
                guard let zone = readTimeZone(zoneNode, path: "\(path).timezone", reader: reader) else { return nil }
                timeZone = zone
            }
        }
        guard let text = reader.literal(cronNode, path: cronNode == node ? path : "\(path).cron") else {
            return nil
        }
        do {
            return try Cron(parsing: text, timeZone: timeZone)
        } catch {
            let zoneName = timeZone == Cron.utc ? "in UTC" : "in \(timeZone.identifier)"
            reader.error(
                "invalid schedule '\(text)': \(error.message)", at: cronNode,
                hint: error.hint
                    ?? "five fields, \(zoneName): minute hour day-of-month month day-of-week, e.g. \"0 6 * * *\"")
            return nil
        }
    }

    /// An IANA time zone name, as the operating system's time zone database knows it.
    private func readTimeZone(_ node: Node, path: String, reader: YAMLReader) -> TimeZone? {
        guard let name = reader.literal(node, path: path) else { return nil }
        if let zone = TimeZone(identifier: name) { return zone }
        reader.error(
            "unknown time zone '\(name)' in '\(path)'", at: node,
            hint: didYouMean(name, among: TimeZone.knownTimeZoneIdentifiers)
                ?? "an IANA time zone name such as Europe/Berlin, America/New_York or UTC")
        return nil
    }

    /// `retries: {max: 3, backoff: 30s}`; nil (reported) when a value is out of range.
    func readRetries(_ block: MappingReader) -> RetryPolicy? {
        let reader = block.reader
        block.allowKeys(ParseSession.retriesKeys)
        var policy = RetryPolicy()
        var valid = true
        if let node = block.value("max"), let maximum = reader.integer(node, path: "retries.max") {
            if RetryPolicy.allowedMaximum.contains(maximum) {
                policy.maximum = maximum
            } else {
                valid = false
                reader.error(
                    "'retries.max' must be between \(RetryPolicy.allowedMaximum.lowerBound) and \(RetryPolicy.allowedMaximum.upperBound), found \(maximum)",
                    at: node, hint: "the retries after the first failure: 3 is the default, 0 turns retries off")
            }
        }
        if let node = block.value("backoff"), let backoff = reader.timeSpan(node, path: "retries.backoff") {
            if RetryPolicy.allowedBackoff.contains(backoff) {
                policy.backoff = backoff
            } else {
                valid = false
                reader.error(
                    "'retries.backoff' must be between \(RetryPolicy.allowedBackoff.lowerBound) and \(RetryPolicy.allowedBackoff.upperBound), found \(backoff)",
                    at: node, hint: "the wait before the first retry, doubled for each retry after it: e.g. 30s or 5m")
            }
        }
        return valid ? policy : nil
    }

    /// `concurrency: {runs: N}`.
    func readConcurrency(_ root: MappingReader) -> Int? {
        guard let block = root.mapping("concurrency") else { return nil }
        block.allowKeys(ParseSession.concurrencyKeys)
        guard let node = block.required("runs", hint: "e.g. `concurrency: {runs: 4}`"),
            let runs = block.reader.integer(node, path: "concurrency.runs")
        else { return nil }
        guard runs >= 1 else {
            block.reader.error(
                "'concurrency.runs' must be at least 1, found \(runs)", at: node,
                hint: "1 runs one at a time; leave `concurrency` out for no limit")
            return nil
        }
        return runs
    }
}
