import TesseraModel

/// `tessera runs show ID`: a run and every node it recorded, in the order they were first recorded
/// (the runtime records the whole plan as `pending` first, so this is plan order).
public struct RunDetail: Sendable, Hashable {
    public var run: RunRecord
    public var nodes: [NodeRunRecord]
    /// The snapshots the run published, from the audit log, in the order it published them.
    public var published: [RunPublish]

    public init(run: RunRecord, nodes: [NodeRunRecord], published: [RunPublish] = []) {
        self.run = run
        self.nodes = nodes
        self.published = published
    }

    /// A run whose process died recorded its nodes as `pending` and never their outcome; the
    /// products it did publish are known from the audit log, and shown as published.
    func withPublishesOfAnUnfinishedRun() -> RunDetail {
        guard run.status == .interrupted, !published.isEmpty else { return self }
        var detail = self
        // Nodes are recorded by id (`product.sales.orders`), publishes by product (`sales.orders`).
        let byProduct = Dictionary(
            published.map { ("product.\($0.product)", $0) }, uniquingKeysWith: { _, last in last })
        for index in detail.nodes.indices {
            let node = detail.nodes[index]
            guard node.kind == .product, node.status == .pending || node.status == .running,
                let publish = byProduct[node.node]
            else { continue }
            detail.nodes[index].status = .succeeded
            detail.nodes[index].rows = publish.rows
            detail.nodes[index].reason = "published before the run stopped"
        }
        return detail
    }
}
