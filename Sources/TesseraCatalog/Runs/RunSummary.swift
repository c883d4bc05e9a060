/// One line of `tessera runs`: the run and how many of its nodes ended in each status.
public struct RunSummary: Sendable, Hashable {
    public var run: RunRecord
    /// Only statuses that occur are present; use `count(_:)` for a zero default.
    public var nodeCounts: [NodeStatus: Int]

    public init(run: RunRecord, nodeCounts: [NodeStatus: Int]) {
        self.run = run
        self.nodeCounts = nodeCounts
    }

    public func count(_ status: NodeStatus) -> Int { nodeCounts[status] ?? 0 }

    public var nodeTotal: Int { nodeCounts.values.reduce(0, +) }
}
