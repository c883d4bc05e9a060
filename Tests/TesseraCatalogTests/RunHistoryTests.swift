import Foundation
import Testing
@testable import TesseraCatalog

@Suite struct RunHistoryTests {
    @Test func aRunGoesFromStartedThroughNodesToFinished() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let run = Fixtures.run("20261123T101500Z-3f9a")
        try await catalog.startRun(run)
        try await catalog.recordNodes([
            Fixtures.node(run.id, "sales.src.orders", kind: .source),
            Fixtures.node(run.id, "sales.orders_enriched"),
            Fixtures.node(run.id, "sales.orders", kind: .product),
        ])
        let built = NodeRunRecord(
            runID: run.id, node: "sales.src.orders", kind: .source, status: .succeeded, reason: "new rows",
            rows: 1_200, durationSeconds: 0.25, startedAt: Fixtures.start,
            finishedAt: Fixtures.start.addingTimeInterval(1),
            detail: #"{"rejected":0}"#)
        let failed = NodeRunRecord(
            runID: run.id, node: "sales.orders_enriched", kind: .model, status: .failed, reason: "its SQL changed",
            error: "Binder Error: column x not found")
        let skipped = NodeRunRecord(
            runID: run.id, node: "sales.orders", kind: .product, status: .skipped,
            reason: "upstream sales.orders_enriched failed")
        try await catalog.recordNodes([built, failed, skipped])
        try await catalog.finishRun(id: run.id, status: .failed, finishedAt: Fixtures.start.addingTimeInterval(3))

        let detail = try #require(try await catalog.run(id: run.id))
        var finished = run
        finished.status = .failed
        finished.finishedAt = Fixtures.start.addingTimeInterval(3)
        #expect(detail.run == finished)
        // First-recorded order, with the latest state of each node.
        #expect(detail.nodes == [built, failed, skipped])

        let summaries = try await catalog.runs(limit: 10, environment: "dev")
        #expect(summaries.count == 1)
        #expect(summaries.first?.nodeCounts == [.succeeded: 1, .failed: 1, .skipped: 1])
        #expect(summaries.first?.nodeTotal == 3)
        #expect(try await catalog.lastRun(environment: "dev", command: "run") == finished)
    }

    @Test func runsAreListedNewestFirstPerEnvironmentWithinTheLimit() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("20261123T101500Z-0001", at: 0))
        try await catalog.startRun(Fixtures.run("20261123T101600Z-0002", command: "ingest", at: 60))
        try await catalog.startRun(Fixtures.run("20261123T101700Z-0003", environment: "prod", at: 120))
        try await catalog.startRun(Fixtures.run("20261123T101800Z-0004", at: 180))
        try await catalog.recordNodes([
            Fixtures.node("20261123T101500Z-0001", "a.b"), Fixtures.node("20261123T101800Z-0004", "a.b"),
        ])

        let dev = try await catalog.runs(limit: 10, environment: "dev")
        #expect(dev.map(\.run.id) == ["20261123T101800Z-0004", "20261123T101600Z-0002", "20261123T101500Z-0001"])
        #expect(dev.map { $0.count(.pending) } == [1, 0, 1])
        let all = try await catalog.runs(limit: 2, environment: nil)
        #expect(all.map(\.run.id) == ["20261123T101800Z-0004", "20261123T101700Z-0003"])
        #expect(try await catalog.runs(limit: 0, environment: nil).isEmpty)
        #expect(try await catalog.lastRun(environment: "dev", command: "run")?.id == "20261123T101800Z-0004")
        #expect(try await catalog.lastRun(environment: "dev", command: "ingest")?.id == "20261123T101600Z-0002")
        #expect(try await catalog.lastRun(environment: "prod", command: "ingest") == nil)
    }

    @Test func nodesOfAnUnknownRunAreRefusedAndNothingIsWritten() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("20261123T101500Z-0001"))
        let error = await #expect(throws: CatalogError.self) {
            try await catalog.recordNodes([Fixtures.node("20261123T101500Z-0001", "a.b"), Fixtures.node("nope", "a.c")])
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("nope") == true)
        #expect(try await catalog.run(id: "20261123T101500Z-0001")?.nodes.isEmpty == true)
    }

    @Test func aDuplicateRunIDAndAnUnknownFinishAreRefused() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("20261123T101500Z-0001"))
        let duplicate = await #expect(throws: CatalogError.self) {
            try await catalog.startRun(Fixtures.run("20261123T101500Z-0001"))
        }
        #expect(duplicate?.kind == .conflict)
        let unknown = await #expect(throws: CatalogError.self) {
            try await catalog.finishRun(id: "nope", status: .succeeded, finishedAt: Fixtures.start)
        }
        #expect(unknown?.kind == .notFound)
        let stillRunning = await #expect(throws: CatalogError.self) {
            try await catalog.finishRun(id: "20261123T101500Z-0001", status: .running, finishedAt: Fixtures.start)
        }
        #expect(stillRunning?.kind == .conflict)
    }

    /// 2,000 nodes recorded as pending, then again as succeeded, each in one call. Prints the time.
    @Test func twoThousandNodesInOneCall() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let run = Fixtures.run(RunID.make())
        try await catalog.startRun(run)
        let names = (0..<2_000).map { "domain_\($0 % 20).model_\($0)" }
        let pending = names.map { Fixtures.node(run.id, $0) }
        let done = names.map {
            NodeRunRecord(
                runID: run.id, node: $0, kind: .model, status: .succeeded, reason: "its SQL changed",
                rows: 1_000, durationSeconds: 0.01, startedAt: Fixtures.start, finishedAt: Fixtures.start,
                detail: #"{"checks":3}"#)
        }
        let clock = ContinuousClock()
        let insert = try await clock.measure { try await catalog.recordNodes(pending) }
        let update = try await clock.measure { try await catalog.recordNodes(done) }
        var detail: RunDetail?
        let read = try await clock.measure { detail = try await catalog.run(id: run.id) }
        print(
            "2,000 nodes: insert \(insert.milliseconds) ms, upsert \(update.milliseconds) ms, read back \(read.milliseconds) ms"
        )
        #expect(detail?.nodes.count == 2_000)
        #expect(detail?.nodes.map(\.node) == names)
        #expect(try await catalog.runs(limit: 1, environment: "dev").first?.nodeCounts == [.succeeded: 2_000])
    }
}
