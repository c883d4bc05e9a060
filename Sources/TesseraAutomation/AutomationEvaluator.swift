import Foundation
import TesseraModel

/// Decides, for every source, model and product, whether it should run now and why — from the
/// project's declarations, a state and the time, and nothing else: no clock, no files, no catalog.
/// The service calls it on every tick and stores the decisions; tests call it with a fixed time.
///
/// Nodes are decided in dependency order, so a node due while something it reads is about to run
/// waits for that run instead of running twice. One evaluation is linear in nodes and edges.
public struct AutomationEvaluator: Sendable {
    struct Entry: Sendable {
        let id: NodeID
        let automation: Automation
        let isFileSource: Bool
        /// Indices of the nodes it reads.
        let upstream: [Int]
    }

    /// Sorted by node id.
    let entries: [Entry]
    /// Indices, each after everything it reads (any cycle's nodes last, in id order).
    let order: [Int]

    /// `upstream` maps each node to the nodes it reads (the mesh DAG's edges); nodes and edges
    /// outside the project are ignored.
    public init(project: Project, upstream: [NodeID: [NodeID]]) {
        var declared: [(NodeID, Automation, Bool)] = []
        for domain in project.domains {
            for source in domain.sources {
                declared.append(
                    (NodeID(.source, domain.name, source.name), source.automation, source.connector.isFile))
            }
            for model in domain.models {
                declared.append((NodeID(.model, domain.name, model.name), model.automation, false))
            }
            for product in domain.products {
                declared.append((NodeID(.product, domain.name, product.name), product.automation, false))
            }
        }
        declared.sort { $0.0 < $1.0 }
        var index: [NodeID: Int] = [:]
        for (position, node) in declared.enumerated() { index[node.0] = position }
        entries = declared.map { id, automation, isFile in
            Entry(
                id: id, automation: automation, isFileSource: isFile,
                upstream: (upstream[id] ?? []).compactMap { index[$0] }.filter { index[id] != $0 })
        }
        order = Self.dependencyOrder(entries)
    }

    /// One decision per node, sorted by node id.
    public func evaluate(_ state: AutomationState, now: Date) -> [AutomationDecision] {
        let states = entries.map { state[$0.id] }
        var decisions = [AutomationDecision?](repeating: nil, count: entries.count)
        var ticks = TickCache()
        for index in order {
            var context = NodeContext(
                entry: entries[index], state: states[index], now: now,
                zone: entries[index].automation.schedule?.timeZone ?? Cron.utc)
            decisions[index] = context.decide(
                upstream: entries[index].upstream.map { (entries[$0].id, states[$0], decisions[$0]?.verdict) },
                ticks: &ticks)
        }
        return decisions.compactMap { $0 }
    }

    /// Kahn's algorithm over indices; ties in index (node id) order.
    private static func dependencyOrder(_ entries: [Entry]) -> [Int] {
        var remaining = entries.map(\.upstream.count)
        var readers = [[Int]](repeating: [], count: entries.count)
        for (index, entry) in entries.enumerated() {
            for upstream in entry.upstream { readers[upstream].append(index) }
        }
        var ready = remaining.indices.filter { remaining[$0] == 0 }.reversed().map { $0 }
        var order: [Int] = []
        order.reserveCapacity(entries.count)
        while let next = ready.popLast() {
            order.append(next)
            for reader in readers[next] {
                remaining[reader] -= 1
                if remaining[reader] == 0 { ready.append(reader) }
            }
        }
        if order.count < entries.count {
            let placed = Set(order)
            order += entries.indices.filter { !placed.contains($0) }
        }
        return order
    }
}
