import Foundation

/// The live line under the finished loads while work is running, on a terminal only:
/// `⋯ sales.orders landing 42% · marketing.campaigns validating`. Finished lines are printed above
/// it, so the scrollback keeps one clean status line per node.
final class LiveStatusLine: @unchecked Sendable {
    private let lock = NSLock()
    let enabled: Bool
    private var active: [String: (stage: String, percentage: Double?, since: Date)] = [:]
    private var order: [String] = []
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Work on `name` is at `stage`; shown once it has run for more than a moment.
    func update(_ name: String, stage: String, percentage: Double?) {
        guard enabled else { return }
        lock.withLock {
            if active[name] == nil { order.append(name) }
            let since = active[name]?.since ?? Date()
            active[name] = (stage, percentage, since)
            redraw()
        }
    }

    /// Prints a finished node's line above the live line.
    func finish(_ name: String, print line: () -> Void) {
        lock.withLock {
            clear()
            active[name] = nil
            order.removeAll { $0 == name }
            line()
            redraw()
        }
    }

    func close() {
        lock.withLock { clear() }
    }

    private func clear() {
        guard enabled, drawn else { return }
        Console.write("\r\u{1B}[K", to: .standardOutput)
        drawn = false
    }

    private func redraw() {
        guard enabled else { return }
        let now = Date()
        let shown = order.compactMap { name -> String? in
            guard let entry = active[name], now.timeIntervalSince(entry.since) > 0.5 else { return nil }
            let percent = entry.percentage.map { String(format: " %3.0f%%", $0) } ?? ""
            return "\(name) \(entry.stage)\(percent)"
        }
        Console.write("\r\u{1B}[K", to: .standardOutput)
        drawn = !shown.isEmpty
        if drawn {
            let columns = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 100
            Console.write(
                String(("  ⋯ " + shown.joined(separator: " · ")).prefix(max(20, columns - 1))), to: .standardOutput)
        }
    }
}
