import TesseraModel
import Foundation
import Synchronization
import Testing
import TesseraTransform
@testable import TesseraRuntime

@Suite struct DAGSchedulerTests {
    /// a → b → c, and an unrelated x → y.
    let steps: [PlanStep] = {
        func step(_ name: String, _ upstream: [String], _ action: PlanStep.Action = .build) -> PlanStep {
            PlanStep(
                node: NodeID(.model, "d", name), action: action, reasons: [.neverBuilt],
                upstream: upstream.map { NodeID(.model, "d", $0) })
        }
        return [step("a", []), step("x", []), step("b", ["a"]), step("y", ["x"]), step("c", ["b"])]
    }()

    func id(_ name: String) -> NodeID { NodeID(.model, "d", name) }

    @Test func runsInDependencyOrderAndInParallel() async {
        let order = Mutex<[String]>([])
        let concurrent = Mutex((now: 0, max: 0))
        let outcomes = await DAGScheduler(parallelism: 2).run(steps) { step in
            concurrent.withLock {
                $0.now += 1; $0.max = max($0.max, $0.now)
            }
            try? await Task.sleep(for: .milliseconds(20))
            order.withLock { $0.append(step.node.name) }
            concurrent.withLock { $0.now -= 1 }
            return .succeeded(rows: 1, detail: "")
        }
        let seen = order.withLock { $0 }
        #expect(outcomes.count == 5)
        #expect(seen.firstIndex(of: "a")! < seen.firstIndex(of: "b")!)
        #expect(seen.firstIndex(of: "b")! < seen.firstIndex(of: "c")!)
        #expect(concurrent.withLock { $0.max } == 2)
    }

    @Test func aFailureSkipsDownstreamOnlyAndOtherBranchesGoOn() async {
        let outcomes = await DAGScheduler(parallelism: 1).run(steps) { step in
            step.node.name == "a" ? .failed(NodeFailure(.build, "boom")) : .succeeded(rows: 1, detail: "")
        }
        #expect(outcomes[id("a")] == .failed(NodeFailure(.build, "boom")))
        #expect(outcomes[id("b")] == .skipped(reason: "upstream failed: d.a"))
        #expect(outcomes[id("c")] == .skipped(reason: "upstream skipped: d.b"))
        #expect(outcomes[id("y")] == .succeeded(rows: 1, detail: ""))
    }

    @Test func failFastStartsNothingNew() async {
        let outcomes = await DAGScheduler(parallelism: 1, failFast: true).run(steps) { step in
            step.node.name == "a" ? .failed(NodeFailure(.build, "boom")) : .succeeded(rows: 1, detail: "")
        }
        #expect(outcomes[id("x")] == .skipped(reason: "not run: --fail-fast stopped the run after d.a failed"))
        #expect(outcomes[id("y")]?.status == "skipped")
        #expect(outcomes[id("b")] == .skipped(reason: "upstream failed: d.a"))
    }

    @Test func upToDateStepsDoNotRunAndReleaseTheirReaders() async {
        var plan = steps
        plan[0].action = .skip
        let ran = Mutex<[String]>([])
        let outcomes = await DAGScheduler(parallelism: 2).run(plan) { step in
            ran.withLock { $0.append(step.node.name) }
            return .succeeded(rows: nil, detail: "")
        }
        #expect(outcomes[id("a")]?.status == "unchanged")
        #expect(Set(ran.withLock { $0 }) == ["x", "b", "y", "c"])
    }
}

@Suite struct CheckedProductSchedulingTests {
    /// p (a product) and q, whose relationship check reads p: q waits for p, but p failing does not skip q.
    @Test func aCheckTargetIsWaitedForButItsFailureDoesNotSkip() async {
        let p = NodeID(.product, "d", "p"), q = NodeID(.product, "d", "q")
        let steps = [
            PlanStep(node: q, action: .publish, reasons: [.neverPublished], upstream: [], checked: [p]),
            PlanStep(node: p, action: .publish, reasons: [.neverPublished], upstream: []),
        ]
        let order = Mutex<[NodeID]>([])
        let outcomes = await DAGScheduler(parallelism: 4).run(steps) { step in
            try? await Task.sleep(for: .milliseconds(step.node == p ? 30 : 0))
            order.withLock { $0.append(step.node) }
            return step.node == p ? .failed(NodeFailure(.quarantined, "quarantined")) : .succeeded(rows: 1, detail: "")
        }
        #expect(order.withLock { $0 } == [p, q])
        #expect(outcomes[q] == .succeeded(rows: 1, detail: ""))
    }
}
