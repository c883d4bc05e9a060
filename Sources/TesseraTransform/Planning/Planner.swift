import Foundation
import TesseraModel
import TesseraSQL

/// What a run should do: `--full-refresh`, a `--start/--end` backfill, and the clock.
public struct PlanOptions: Sendable, Hashable {
    public var fullRefresh: Bool
    /// `[start, end)` to rebuild in interval-incremental models.
    public var backfill: BuildInterval?
    public var now: Date
    /// Nodes to build whatever their state says, with the reason (`--from-failure`).
    public var forced: [NodeID: PlanReason]
    /// `plan` only: what the load `run` starts with would find in each selected source. A run
    /// plans after its loads, when the sources' versions say it; `plan` must foresee them.
    public var pendingLoads: [NodeID: PendingLoad]

    public init(
        fullRefresh: Bool = false, backfill: BuildInterval? = nil, now: Date = Date(),
        forced: [NodeID: PlanReason] = [:],
        pendingLoads: [NodeID: PendingLoad] = [:]
    ) {
        self.fullRefresh = fullRefresh
        self.backfill = backfill
        self.now = now
        self.forced = forced
        self.pendingLoads = pendingLoads
    }
}

/// What a source's next load would bring, as far as it can be told without loading.
public enum PendingLoad: Sendable, Hashable {
    /// New or changed input (what, in a few words).
    case newData(String)
    /// Exactly what the last load read: the load will find nothing.
    case nothingNew
    /// A database or an API: only the load can tell.
    case unknown
}

/// What `run` will do, node by node, in dependency order.
public struct Plan: Sendable {
    public var steps: [PlanStep]
    public var options: PlanOptions
    /// The version of every node's data before the run (a view's is that of what it reads).
    public var versions: [NodeID: Int64]

    public func step(_ node: NodeID) -> PlanStep? { steps.first { $0.node == node } }
    public var work: [PlanStep] { steps.filter { $0.action != .skip } }
}

/// Decides, for every selected node, whether it must be built and why (what `tessera plan` shows): never
/// built, its SQL or settings changed, something it reads changed (or will change in this run),
/// intervals are missing, or the user asked (`--full-refresh`, a backfill). Pure: it reads only
/// the analysis and the recorded states, so `plan` costs no database work beyond reading them.
public enum Planner {
    public static func plan(
        _ mesh: MeshAnalysis, selected: Set<NodeID>, states: [NodeID: NodeState], options: PlanOptions
    ) throws(MeshGraph.Cycle) -> Plan {
        let graph = mesh.graph
        let order = try graph.topologicalOrder()
        // Nodes this run changes; `plan` also knows nodes that change only if a load of a
        // database or API source brings rows (`.possible`).
        var change: [NodeID: Change] = [:]
        var effective: [NodeID: Int64] = [:]
        var steps: [PlanStep] = []

        for id in order {
            let state = states[id]
            let upstream = graph.upstream(of: id)
            let changedUpstream = upstream.filter {
                change[$0] == .certain || (effective[$0] ?? 0) > (state?.upstreamVersion ?? 0)
            }
            let mayChange = upstream.filter { change[$0] == .possible && !changedUpstream.contains($0) }
            var (reasons, action, changes) = reasonsAndAction(
                id, mesh: mesh, state: state, changedUpstream: changedUpstream,
                mayChange: mayChange, options: options)
            if !selected.contains(id) { action = .skip; changes = nil }
            // What downstream nodes compare against: a view is as new as what it reads, and
            // changes when what it reads does.
            var version = state?.version ?? 0
            if case .view? = mesh.models[id]?.model.materialization {
                version = max(version, upstream.map { effective[$0] ?? 0 }.max() ?? 0)
                changes =
                    upstream.contains { change[$0] == .certain }
                    ? .certain
                    : upstream.contains { change[$0] == .possible } ? (changes ?? .possible) : changes
            }
            effective[id] = version

            guard selected.contains(id) else {
                change[id] = changes
                continue
            }
            if let reason = options.forced[id], action == .skip, id.kind != .source {
                reasons.insert(reason, at: 0)
                action = id.kind == .product ? .publish : .build
                changes = .certain
            }
            change[id] = changes
            if action == .skip, reasons.isEmpty { reasons = [.upToDate] }
            steps.append(
                PlanStep(
                    node: id, action: action, reasons: reasons, upstream: upstream.filter(selected.contains),
                    checked: graph.checked(by: id).filter(selected.contains)))
        }
        return Plan(steps: steps, options: options, versions: effective)
    }

    /// Whether a node's data changes in this run for sure, or only if a load brings rows.
    enum Change { case certain, possible }

    /// Why a node would be done, what doing it is, and whether it changes its data.
    static func reasonsAndAction(
        _ id: NodeID, mesh: MeshAnalysis, state: NodeState?, changedUpstream: [NodeID], mayChange: [NodeID],
        options: PlanOptions
    ) -> ([PlanReason], PlanStep.Action, Change?) {
        switch id.kind {
        case .source:
            switch options.pendingLoads[id] {
            case .newData(let what)?: return ([.newData(what)], .ingest, .certain)
            case .nothingNew?: return ([.noNewData], .ingest, nil)
            case .unknown?: return ([.sourceLoad], .ingest, .possible)
            case nil: return ([.sourceLoad], .ingest, nil)
            }
        case .model:
            guard let info = mesh.models[id] else { return ([], .skip, nil) }
            var reasons = modelReasons(info, state: state, changedUpstream: changedUpstream, options: options)
            if reasons.isEmpty, !mayChange.isEmpty, !isView(info.model.materialization) {
                reasons = [.upstreamMayChange(mayChange)]
            }
            return reasons.isEmpty ? ([], .skip, nil) : (reasons, .build, onlyMaybe(reasons) ? .possible : .certain)
        case .product:
            guard let product = mesh.project.domain(named: id.domain)?.product(named: id.name) else {
                return ([], .skip, nil)
            }
            var reasons = productReasons(product, state: state, changedUpstream: changedUpstream, options: options)
            if reasons.isEmpty, !mayChange.isEmpty { reasons = [.upstreamMayChange(mayChange)] }
            return reasons.isEmpty ? ([], .skip, nil) : (reasons, .publish, onlyMaybe(reasons) ? .possible : .certain)
        case .dashboard:
            // Never in the DAG: dashboards are lineage only.
            return ([], .skip, nil)
        }
    }

    private static func onlyMaybe(_ reasons: [PlanReason]) -> Bool {
        reasons.allSatisfy { if case .upstreamMayChange = $0 { true } else { false } }
    }

    static func modelReasons(
        _ info: MeshAnalysis.ModelInfo, state: NodeState?, changedUpstream: [NodeID], options: PlanOptions
    ) -> [PlanReason] {
        let materialization = info.model.materialization
        guard let state, state.version != nil else { return [.neverBuilt] }
        var reasons: [PlanReason] = []
        if let kind = state.kind, kind != materialization.kind {
            reasons.append(.materializationChanged(from: kind.rawValue, to: materialization.kind.rawValue))
        } else if ModelFingerprint(recorded: state.fingerprint ?? "").sql != info.fingerprint {
            reasons.append(.sqlChanged)
        }
        // A model's checks run with each build of it: changed checks are run by building it again.
        if let recorded = state.fingerprint,
            ModelFingerprint(info).checksDiffer(from: ModelFingerprint(recorded: recorded))
        {
            reasons.append(.checksChanged)
        }
        if options.fullRefresh { reasons.append(.fullRefresh) }
        if case .view = materialization {
            // A view reads its inputs when queried: only its definition matters.
            return reasons
        }
        if case .incremental(.interval) = materialization, let backfill = options.backfill {
            reasons.append(.backfill(start: backfill.start, end: backfill.end))
        }
        if !changedUpstream.isEmpty {
            reasons.append(.upstreamChanged(changedUpstream))
            if case .incremental(.interval) = materialization, let until = state.builtUntil, !options.fullRefresh {
                reasons.append(.intervalsMissing(from: BuildInterval.startOfUTCDay(containing: until), to: options.now))
            }
        }
        return reasons
    }

    /// `--start/--end` rebuilds intervals of interval-incremental models; given for a selection
    /// without one, it would do nothing the user asked for. Returns the models that take it.
    public static func backfillTargets(_ mesh: MeshAnalysis, selected: Set<NodeID>) -> [NodeID] {
        selected.filter { id in
            guard case .incremental(.interval)? = mesh.models[id]?.model.materialization else { return false }
            return true
        }.sorted()
    }

    static func isView(_ materialization: Materialization) -> Bool {
        if case .view = materialization { true } else { false }
    }

    static func productReasons(_ product: Product, state: NodeState?, changedUpstream: [NodeID], options: PlanOptions)
        -> [PlanReason]
    {
        guard let state, state.version != nil else { return [.neverPublished] }
        var reasons: [PlanReason] = []
        if let recorded = state.fingerprint {
            let now = ProductFingerprint(product)
            let then = ProductFingerprint(recorded: recorded)
            if then.contract != now.contract { reasons.append(.contractChanged) }
            // A snapshot recorded before checks were fingerprinted has no checks part.
            if let checks = then.checks, checks != now.checks { reasons.append(.checksChanged) }
        }
        if !changedUpstream.isEmpty { reasons.append(.upstreamChanged(changedUpstream)) }
        if options.fullRefresh { reasons.append(.fullRefresh) }
        return reasons
    }

    /// What a product's snapshot is recorded with: its contract and its checks (see ``ProductFingerprint``).
    public static func fingerprint(of product: Product) -> String { ProductFingerprint(product).recorded }
}
