/// Which queued run may start now: at most one run per domain warehouse (DuckDB has one writer),
/// at most `global` runs at once, and at most `perDomain[d]` runs writing domain `d`. Pure, so the
/// catalog applies it inside the transaction that claims a run and tests call it directly.
public struct QueueLimits: Sendable, Hashable {
    /// nil: no limit but one run per warehouse.
    public var global: Int?
    /// By domain name; a domain not listed has no limit of its own.
    public var perDomain: [String: Int]

    public init(global: Int? = nil, perDomain: [String: Int] = [:]) {
        self.global = global
        self.perDomain = perDomain
    }

    /// The first of `candidates` (in queue order) that may start beside `running`; nil when none.
    public func admissible(_ candidates: [QueuedRun], running: [QueuedRun]) -> QueuedRun? {
        if let global, running.count >= global { return nil }
        var busy = Set(running.flatMap(\.domains))
        var counts: [String: Int] = [:]
        for run in running { for domain in run.domains { counts[domain, default: 0] += 1 } }
        for candidate in candidates where candidate.state == .queued {
            let free = candidate.domains.allSatisfy { !busy.contains($0) }
            let underLimits = candidate.domains.allSatisfy { domain in
                perDomain[domain].map { counts[domain, default: 0] < $0 } ?? true
            }
            if free && underLimits { return candidate }
            // A run that must wait keeps its domains for itself: a later run writing one of them
            // does not overtake it (first come, first served per warehouse).
            busy.formUnion(candidate.domains)
        }
        return nil
    }
}
