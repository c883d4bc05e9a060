import Foundation
import Testing
@testable import TesseraCatalog

@Suite struct QualityTests {
    @Test func aCheckPassComesBackWholeAndInOrder() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("r1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60))
        #expect(try await catalog.latestChecks(product: "sales.orders").isEmpty)

        let first = [
            Fixtures.check("unique(order_id)", on: "s1", runID: "r1"),
            Fixtures.check("not_null(order_id)", on: "s1", status: "failed", runID: "r1"),
        ]
        try await catalog.recordChecks(first)
        #expect(try await catalog.latestChecks(product: "sales.orders") == first)

        // `tessera check` on another snapshot, with the same timestamp: still a newer pass.
        let second = [
            Fixtures.check("row_count", on: "s2"), Fixtures.check("zeta", on: "s2"),
            Fixtures.check("alpha", on: "s2", status: "error"),
        ]
        try await catalog.recordChecks(second)
        #expect(try await catalog.latestChecks(product: "sales.orders") == second)
        #expect(try await catalog.checks(snapshotID: "s1") == first)

        // Two passes on one snapshot: oldest pass first.
        let third = [Fixtures.check("unique(order_id)", on: "s1", at: 120)]
        try await catalog.recordChecks(third)
        #expect(try await catalog.checks(snapshotID: "s1") == first + third)
        #expect(try await catalog.latestChecks(product: "sales.orders") == third)
    }

    @Test func onePassMayCoverSeveralProducts() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.addSnapshot(Fixtures.snapshot("o1", product: "finance.revenue"))
        try await catalog.recordChecks([
            Fixtures.check("a", on: "s1"),
            Fixtures.check("b", on: "o1", product: "finance.revenue"),
        ])
        try await catalog.recordChecks([Fixtures.check("c", on: "s1")])
        #expect(try await catalog.latestChecks(product: "sales.orders").map(\.name) == ["c"])
        #expect(try await catalog.latestChecks(product: "finance.revenue").map(\.name) == ["b"])
    }

    @Test func aBadBatchIsRefusedWholeWithAClearError() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        let unknownSnapshot = await #expect(throws: CatalogError.self) {
            try await catalog.recordChecks([Fixtures.check("a", on: "s1"), Fixtures.check("b", on: "nope")])
        }
        #expect(unknownSnapshot?.kind == .notFound)
        #expect(unknownSnapshot?.message.contains("nope") == true)
        let wrongProduct = await #expect(throws: CatalogError.self) {
            try await catalog.recordChecks([Fixtures.check("a", on: "s1", product: "finance.revenue")])
        }
        #expect(wrongProduct?.kind == .conflict)
        let unknownRun = await #expect(throws: CatalogError.self) {
            try await catalog.recordChecks([Fixtures.check("a", on: "s1", runID: "no-such-run")])
        }
        #expect(unknownRun?.kind == .notFound)
        #expect(try await catalog.checks(snapshotID: "s1").isEmpty)
        try await catalog.recordChecks([])
    }

    @Test func profilesAndDriftAreStoredAndReplaced() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60))
        #expect(try await catalog.profile(snapshotID: "s2") == nil)
        #expect(try await catalog.drift(snapshotID: "s2") == nil)

        try await catalog.recordProfile(snapshotID: "s2", json: #"{"rows":42}"#)
        try await catalog.recordProfile(snapshotID: "s2", json: #"{"rows":43}"#)
        #expect(try await catalog.profile(snapshotID: "s2") == #"{"rows":43}"#)

        try await catalog.recordDrift(
            snapshotID: "s2", againstSnapshotID: "s1", json: #"{"amount":0.1}"#, exceeded: false)
        try await catalog.recordDrift(
            snapshotID: "s2", againstSnapshotID: "s1", json: #"{"amount":0.9}"#, exceeded: true)
        let drift = try #require(try await catalog.drift(snapshotID: "s2"))
        #expect(drift.snapshotID == "s2")
        #expect(drift.againstSnapshotID == "s1")
        #expect(drift.json == #"{"amount":0.9}"#)
        #expect(drift.exceeded)

        let missing = await #expect(throws: CatalogError.self) {
            try await catalog.recordProfile(snapshotID: "nope", json: "{}")
        }
        #expect(missing?.kind == .notFound)
        await #expect(throws: CatalogError.self) {
            try await catalog.recordDrift(snapshotID: "nope", againstSnapshotID: "s1", json: "{}", exceeded: false)
        }
    }
}
