import Foundation
import TesseraModel

/// One node's decision: what makes it due, what holds it back, and the words for both.
struct NodeContext {
    let entry: AutomationEvaluator.Entry
    let state: AutomationState.Node
    let now: Date
    /// Where its times are shown: its schedule's zone, else UTC.
    let zone: TimeZone

    /// What made it due, each with its words.
    private var triggers: [(trigger: AutomationDecision.Trigger, text: String)] = []
    /// Why it is not due, for a `skip`.
    private var notDue: [String] = []
    private var decision: AutomationDecision

    init(entry: AutomationEvaluator.Entry, state: AutomationState.Node, now: Date, zone: TimeZone) {
        self.entry = entry
        self.state = state
        self.now = now
        self.zone = zone
        decision = AutomationDecision(node: entry.id, verdict: .skip, reason: "")
    }

    typealias Upstream = (id: NodeID, state: AutomationState.Node, verdict: AutomationDecision.Verdict?)

    mutating func decide(upstream: [Upstream], ticks: inout TickCache) -> AutomationDecision {
        let automation = entry.automation
        let scheduleTick = checkSchedule(&ticks)
        let failedUpstream = automation.isEager ? checkEager(upstream) : nil
        checkRetry()
        decision.freshness = freshness()
        if let failedUpstream, triggers.isEmpty {
            notDue.insert("upstream \(failedUpstream.displayName) failed its error checks", at: 0)
        }
        conclude(upstream: upstream, scheduleTick: scheduleTick)
        return decision
    }

    private mutating func conclude(upstream: [Upstream], scheduleTick: Date?) {
        let pending = triggers.map(\.text).joined(separator: "; ")
        switch state.activity {
        case .running, .queued:
            let activity = state.activity == .running ? "already running" : "already queued"
            finish(.skip, triggers.isEmpty ? activity : "\(activity); then: \(pending)")
            return
        case .idle: break
        }
        guard !triggers.isEmpty else {
            if let retryAt = decision.retryAt {
                finish(.retry, retryText(attempt: (state.failure?.retries ?? 0) + 1, at: retryAt))
            } else if !entry.automation.runsByItself && notDue.isEmpty {
                finish(.skip, "no schedule or automation: it runs when asked (`tessera run`)")
            } else {
                finish(.skip, notDue.joined(separator: "; "))
            }
            return
        }
        decision.triggers = triggers.map(\.trigger)
        let waiting = upstream.filter { node in
            node.state.activity != .idle || node.verdict == .run || node.verdict == .wait
        }.map(\.id)
        guard waiting.isEmpty else {
            decision.waitingFor = waiting
            finish(.wait, "waiting for \(Self.list(waiting.map(\.displayName))); then: \(pending)")
            return
        }
        if let scheduleTick { decision.tick = scheduleTick }
        finish(.run, pending)
    }

    private mutating func finish(_ verdict: AutomationDecision.Verdict, _ reason: String) {
        decision.verdict = verdict
        decision.reason = reason
        if verdict != .run { decision.fingerprints = [] }
    }

    /// Adds the schedule's trigger when ticks are due; returns the tick to store if it runs.
    private mutating func checkSchedule(_ ticks: inout TickCache) -> Date? {
        guard let cron = entry.automation.schedule else { return nil }
        decision.nextTick = ticks.next(cron, after: now)
        let next = decision.nextTick.map { "next at \(time($0))" } ?? "it never fires again"
        guard let last = state.lastTick else {
            // First sight of this schedule: it starts now, without a backlog.
            decision.tick = now
            notDue.append("schedule \(cron) starts now, \(next)")
            return nil
        }
        decision.tick = last
        guard let due = ticks.due(cron, after: last, through: now) else {
            notDue.append("not due, \(next)")
            return nil
        }
        var text = "schedule \(cron) due at \(time(due.latest))"
        if due.count > 1 {
            text +=
                "; \(due.countIsLowerBound ? "more than \(due.count)" : "\(due.count)") missed ticks collapsed into one"
        }
        triggers.append((.schedule(latest: due.latest, ticks: due.count), text))
        return due.latest
    }

    /// Adds the eager trigger: new files for a file source, new upstream data for the rest.
    /// Returns an upstream whose error checks fail: then nothing upstream triggers it.
    private mutating func checkEager(_ upstream: [Upstream]) -> NodeID? {
        if entry.isFileSource {
            let new = state.files.filter { !state.seenFingerprints.contains($0.fingerprint) }
            guard !new.isEmpty else {
                notDue.append("no new file")
                return nil
            }
            decision.fingerprints = new.map(\.fingerprint)
            let names = new.map { String($0.path.split(separator: "/").last ?? Substring($0.path)) }
            let text = names.count == 1 ? "new file \(names[0])" : "\(names.count) new files: \(Self.list(names))"
            triggers.append((.files(new.map(\.path)), text))
            return nil
        }
        if let failed = upstream.first(where: { $0.state.errorChecksFailed }) { return failed.id }
        let since = state.lastStarted ?? .distantPast
        let updated = upstream.filter { ($0.state.lastUpdated ?? .distantPast) > since }
        guard let first = updated.first, let at = first.state.lastUpdated else {
            let last = state.lastStarted.map { " since its last run at \(time($0))" } ?? ""
            notDue.append(upstream.isEmpty ? "eager, but it reads nothing" : "no new data upstream\(last)")
            return nil
        }
        var text = "\(first.id.displayName) \(Self.updateVerb(first.id.kind)) at \(time(at))"
        if updated.count > 1 { text += " (and \(updated.count - 1) more upstream)" }
        triggers.append((.upstream(updated.map(\.id)), text))
        return nil
    }

    /// Adds the retry trigger when one is due, or sets `retryAt` when one is coming; says why not otherwise.
    private mutating func checkRetry() {
        guard let failure = state.failure else { return }
        let failed = "the last run failed at \(time(failure.at))\(failure.summary.map { " (\($0))" } ?? "")"
        guard failure.kind == .transient else {
            notDue.append(
                "\(failed) on \(failure.kind == .data ? "its data" : "an error that is not transient"), which is not retried"
            )
            return
        }
        guard let policy = entry.automation.retries, policy.maximum > 0 else {
            notDue.append("\(failed); it has no `retries`")
            return
        }
        let attempt = failure.retries + 1
        guard attempt <= policy.maximum else {
            notDue.append("\(failed); its \(policy.maximum) retries are used up")
            return
        }
        let at = failure.at.addingTimeInterval(policy.delay(beforeRetry: attempt).timeInterval)
        if at <= now {
            triggers.append(
                (.retry(attempt: attempt, maximum: policy.maximum), "retry \(attempt) of \(policy.maximum): \(failed)"))
        } else {
            decision.retryAt = at
        }
    }

    private func retryText(attempt: Int, at: Date) -> String {
        let maximum = entry.automation.retries?.maximum ?? attempt
        let cause = state.failure?.summary.map { " after \($0)" } ?? ""
        return "retry \(attempt) of \(maximum) at \(time(at))\(cause)"
    }

    private func freshness() -> AutomationDecision.Freshness? {
        guard let limit = entry.automation.sla.freshness else { return nil }
        guard let updated = state.lastUpdated else { return .init(deadline: nil, isStale: true) }
        let deadline = updated.addingTimeInterval(limit.timeInterval)
        return .init(deadline: deadline, isStale: deadline < now)
    }

    private func time(_ date: Date) -> String { TimeText.format(date, in: zone) }

    private static func updateVerb(_ kind: NodeKind) -> String {
        switch kind {
        case .source: "loaded new data"
        case .model: "was rebuilt"
        case .product: "published"
        case .dashboard: "changed"
        }
    }

    /// `a`, `a and b`, `a, b and 3 more`.
    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        case 2: return "\(names[0]) and \(names[1])"
        case 3: return "\(names[0]), \(names[1]) and \(names[2])"
        default: return "\(names[0]), \(names[1]) and \(names.count - 2) more"
        }
    }
}
