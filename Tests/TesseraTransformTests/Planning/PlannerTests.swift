import TesseraModel
import Foundation
import Testing
@testable import TesseraTransform

@Suite struct PlannerTests {
    let fixture: MeshFixture
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws { fixture = try MeshFixture.threeDomains() }

    func plan(_ states: [NodeID: NodeState], selected: Set<NodeID>? = nil, options: PlanOptions? = nil) throws -> Plan {
        try Planner.plan(
            fixture.mesh, selected: selected ?? Set(fixture.mesh.graph.allNodes), states: states,
            options: options ?? PlanOptions(now: now))
    }

    /// Every node built once, at `version`, from inputs no newer than that.
    func builtStates(version: Int64 = 100) -> [NodeID: NodeState] {
        var states: [NodeID: NodeState] = [:]
        for id in fixture.mesh.graph.allNodes {
            switch id.kind {
            case .source: states[id] = NodeState(version: version)
            case .model:
                let info = fixture.mesh.models[id]
                states[id] = NodeState(
                    version: version, fingerprint: info?.fingerprint, upstreamVersion: version,
                    kind: info?.model.materialization.kind)
            case .product:
                let product = fixture.mesh.project.domain(named: id.domain)?.product(named: id.name)
                states[id] = NodeState(
                    version: version, fingerprint: product.map(Planner.fingerprint(of:)), upstreamVersion: version)
            case .dashboard: continue
            }
        }
        return states
    }

    @Test func aFreshMeshBuildsEverythingInOrder() throws {
        let plan = try plan([:])
        #expect(plan.step(.source("sales", "orders"))?.action == .ingest)
        #expect(plan.step(.model("sales", "orders_clean"))?.reasons == [.neverBuilt])
        #expect(plan.step(.product("sales", "orders"))?.action == .publish)
        #expect(plan.step(.model("finance", "revenue"))?.reasons == [.neverBuilt])
        #expect(
            plan.steps.map(\.node).firstIndex(of: .product("sales", "orders"))! < plan.steps.map(\.node).firstIndex(
                of: .model("finance", "revenue"))!)
    }

    @Test func nothingChangedMeansNothingToBuild() throws {
        let plan = try plan(builtStates())
        #expect(plan.work.map(\.node) == [.source("sales", "orders")])
        #expect(plan.step(.model("sales", "orders"))?.reasons == [.upToDate])
    }

    @Test func aChangedSQLRebuildsItAndEverythingDownstream() throws {
        var states = builtStates()
        states[.model("sales", "orders_clean")]?.fingerprint = "old"
        let plan = try plan(states)
        #expect(plan.step(.model("sales", "orders_clean"))?.reasons == [.sqlChanged])
        #expect(plan.step(.model("sales", "orders"))?.reasons == [.upstreamChanged([.model("sales", "orders_clean")])])
        #expect(plan.step(.product("sales", "orders"))?.action == .publish)
        #expect(plan.step(.model("finance", "revenue"))?.reasons == [.upstreamChanged([.product("sales", "orders")])])
        #expect(plan.step(.model("marketing", "spend"))?.action == .build)
    }

    @Test func newlyLoadedDataRebuildsWhatReadsIt() throws {
        var states = builtStates()
        states[.source("sales", "orders")]?.version = 500
        let plan = try plan(states)
        #expect(plan.step(.model("sales", "orders_clean"))?.reasons == [.upstreamChanged([.source("sales", "orders")])])
        #expect(plan.work.count == 6)
    }

    @Test func unselectedNodesAreNeitherPlannedNorBuilt() throws {
        var states = builtStates()
        states[.model("sales", "orders_clean")]?.fingerprint = "old"
        let plan = try plan(states, selected: [.model("finance", "revenue")])
        #expect(plan.steps.map(\.node) == [.model("finance", "revenue")])
        // Its upstream changes only when that is built too.
        #expect(plan.step(.model("finance", "revenue"))?.reasons == [.upToDate])
    }

    @Test func fullRefreshRebuildsEverything() throws {
        let plan = try plan(builtStates(), options: PlanOptions(fullRefresh: true, now: now))
        #expect(plan.step(.model("sales", "orders"))?.reasons.contains(.fullRefresh) == true)
        #expect(plan.work.count == 6)
    }

    @Test func aChangedContractRepublishes() throws {
        var states = builtStates()
        states[.product("sales", "orders")]?.fingerprint = "old"
        let plan = try plan(states)
        #expect(plan.step(.product("sales", "orders"))?.reasons == [.contractChanged])
        #expect(plan.step(.model("finance", "revenue"))?.action == .build)
    }

    @Test func changedChecksVerifyAndPublishAgainButOlderSnapshotsDoNot() throws {
        let id = NodeID.product("sales", "orders")
        var states = builtStates()
        let recorded = ProductFingerprint(recorded: try #require(states[id]?.fingerprint))
        states[id]?.fingerprint = recorded.contract + " other-checks"
        let plan = try plan(states)
        #expect(plan.step(id)?.action == .publish)
        #expect(plan.step(id)?.reasons == [.checksChanged])
        #expect(plan.step(id)?.reasons.first?.description == "checks changed")
        // A snapshot recorded before checks were fingerprinted: only its contract is compared.
        states[id]?.fingerprint = recorded.contract
        #expect(try self.plan(states).step(id)?.action == .skip)
    }

    @Test func planForeseesWhatTheLoadsOfRunWillBring() throws {
        let source = NodeID.source("sales", "orders")
        let pending = try plan(
            builtStates(),
            options: PlanOptions(now: now, pendingLoads: [source: .newData("1 of 1 file new or changed")]))
        #expect(pending.step(source)?.reasons == [.newData("1 of 1 file new or changed")])
        #expect(pending.work.count == 6, "the source, two models, the product and both consumers")
        #expect(pending.step(.model("sales", "orders_clean"))?.reasons == [.upstreamChanged([source])])
        #expect(
            pending.step(.model("finance", "revenue"))?.reasons == [.upstreamChanged([.product("sales", "orders")])])

        let nothing = try plan(builtStates(), options: PlanOptions(now: now, pendingLoads: [source: .nothingNew]))
        #expect(nothing.work.map(\.node) == [source])
        #expect(nothing.step(source)?.reasons == [.noNewData])

        let unknown = try plan(builtStates(), options: PlanOptions(now: now, pendingLoads: [source: .unknown]))
        #expect(
            unknown.step(.model("finance", "revenue"))?.reasons == [.upstreamMayChange([.product("sales", "orders")])])
    }

    @Test func aTableReadingAViewOverARebuiltTableIsRebuilt() throws {
        let fixture = try MeshFixture([
            "domains/d/models/a.sql": "select 1 as x",
            "domains/d/models/v.sql": "select x from a",
            "domains/d/models/v.yaml": "materialized: view\n",
            "domains/d/models/t.sql": "select x from v",
        ])
        var states: [NodeID: NodeState] = [:]
        for (id, info) in fixture.mesh.models {
            states[id] = NodeState(
                version: 100, fingerprint: info.fingerprint, upstreamVersion: 100, kind: info.model.materialization.kind
            )
        }
        states[.model("d", "a")]?.fingerprint = "old"
        let plan = try Planner.plan(
            fixture.mesh, selected: Set(fixture.mesh.graph.allNodes), states: states, options: PlanOptions(now: now))
        #expect(plan.step(.model("d", "a"))?.action == .build)
        #expect(plan.step(.model("d", "t"))?.reasons == [.upstreamChanged([.model("d", "v")])])
    }

    @Test func backfillTargetsAreTheIntervalIncrementalModels() throws {
        #expect(Planner.backfillTargets(fixture.mesh, selected: Set(fixture.mesh.graph.allNodes)).isEmpty)
    }
}

@Suite struct IncrementalPlanTests {
    @Test func intervalModelsNameTheMissingIntervalsAndViewsStayCurrent() throws {
        let fixture = try MeshFixture([
            "domains/d/sources/events.yaml": MeshFixture.csvSource(),
            "domains/d/models/daily.sql": "select * from src.events where ts >= @start and ts < @end",
            "domains/d/models/daily.yaml": "materialized: incremental\nincremental: {time_column: ts}\n",
            "domains/d/models/latest.sql": "select * from daily",
            "domains/d/models/latest.yaml": "materialized: view\n",
        ])
        #expect(fixture.mesh.diagnostics.isEmpty, "\(fixture.mesh.diagnostics)")
        let daily = NodeID.model("d", "daily"), latest = NodeID.model("d", "latest")
        let builtUntil = Date(timeIntervalSince1970: 86_400 * 20_000 + 3_600)
        let now = builtUntil.addingTimeInterval(86_400)
        let states: [NodeID: NodeState] = [
            .source("d", "events"): NodeState(version: 900),
            daily: NodeState(
                version: 100, fingerprint: fixture.mesh.models[daily]?.fingerprint, upstreamVersion: 50,
                builtUntil: builtUntil, kind: .incremental),
            latest: NodeState(
                version: 100, fingerprint: fixture.mesh.models[latest]?.fingerprint, upstreamVersion: 100, kind: .view),
        ]
        let plan = try Planner.plan(
            fixture.mesh, selected: Set(fixture.mesh.graph.allNodes), states: states, options: PlanOptions(now: now))
        #expect(
            plan.step(daily)?.reasons == [
                .upstreamChanged([.source("d", "events")]),
                .intervalsMissing(from: Date(timeIntervalSince1970: 86_400 * 20_000), to: now),
            ])
        #expect(plan.step(latest)?.action == .skip)

        let backfill = BuildInterval(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 86_400))
        let refill = try Planner.plan(
            fixture.mesh, selected: [daily], states: states, options: PlanOptions(backfill: backfill, now: now))
        #expect(refill.step(daily)?.reasons.first == .backfill(start: backfill.start, end: backfill.end))
        #expect(Planner.backfillTargets(fixture.mesh, selected: [daily, latest]) == [daily])
        #expect(Planner.backfillTargets(fixture.mesh, selected: [latest]).isEmpty)
    }
}
