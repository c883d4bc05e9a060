import TesseraModel

/// What `state:` selectors compare with: the state the environment's last builds, loads and
/// publications recorded (see ``NodeState``).
public struct SelectionState: Sendable, Hashable {
    /// Never built, loaded or published.
    public var new: Set<NodeID>
    /// New, or defined differently from when last built or published: a model's SQL,
    /// materialization or checks, a product's contract or checks.
    public var modified: Set<NodeID>

    public init(new: Set<NodeID>, modified: Set<NodeID>) {
        self.new = new
        self.modified = modified
    }

    public init(mesh: MeshAnalysis, states: [NodeID: NodeState]) {
        var new: Set<NodeID> = [], modified: Set<NodeID> = []
        for id in mesh.graph.allNodes {
            guard let state = states[id], state.version != nil else {
                new.insert(id)
                modified.insert(id)
                continue
            }
            switch id.kind {
            case .source, .dashboard: continue
            case .model:
                guard let info = mesh.models[id] else { continue }
                let then = ModelFingerprint(recorded: state.fingerprint ?? ""), now = ModelFingerprint(info)
                if then.sql != now.sql || now.checksDiffer(from: then)
                    || (state.kind.map { $0 != info.model.materialization.kind } ?? false)
                {
                    modified.insert(id)
                }
            case .product:
                guard let product = mesh.project.domain(named: id.domain)?.product(named: id.name),
                    let recorded = state.fingerprint
                else { continue }
                let now = ProductFingerprint(product), then = ProductFingerprint(recorded: recorded)
                if now.contract != then.contract || (then.checks.map { $0 != now.checks } ?? false) {
                    modified.insert(id)
                }
            }
        }
        self.init(new: new, modified: modified)
    }
}
