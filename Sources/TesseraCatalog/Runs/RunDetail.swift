/// `tessera runs show ID`: a run and every node it recorded, in the order they were first recorded
/// (the runtime records the whole plan as `pending` first, so this is plan order).
public struct RunDetail: Sendable, Hashable {
    public var run: RunRecord
    public var nodes: [NodeRunRecord]

    public init(run: RunRecord, nodes: [NodeRunRecord]) {
        self.run = run
        self.nodes = nodes
    }
}
