import Foundation
import Testing
@testable import TesseraCatalog

/// What `tessera validate` compares against, and which older majors the runtime keeps serving.
@Suite struct PublishedContractTests {
    @Test func theContractTravelsWithTheSnapshot() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let contract = #"{"primary_key":["order_id"],"columns":[{"name":"order_id","type":"BIGINT"}]}"#
        try await catalog.addSnapshot(Fixtures.snapshot("s1", contract: contract))
        #expect(try await catalog.snapshots(product: "sales.orders").first?.contract == contract)
    }

    @Test func onlyPublishedSnapshotsCountAndTheNewestWins() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await catalog.latestPublishedContract(product: "sales.orders") == nil)
        try await catalog.addSnapshot(Fixtures.snapshot("s1", at: 0, version: "1.0.0", contract: "c1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60, version: "1.1.0", contract: "c2"))
        try await catalog.addSnapshot(Fixtures.snapshot("s3", at: 120, version: "2.0.0", contract: "c3"))
        try await catalog.addSnapshot(Fixtures.snapshot("s4", at: 180, version: "2.0.0", contract: "c4"))
        try await catalog.addSnapshot(Fixtures.snapshot("o1", product: "finance.revenue", at: 240, contract: "other"))
        // Candidates only: nothing was ever published.
        #expect(try await catalog.latestPublishedContract(product: "sales.orders") == nil)

        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        try await catalog.publish(snapshotID: "s2", product: "sales.orders")
        #expect(
            try await catalog.latestPublishedContract(product: "sales.orders")
                == PublishedContract(version: "1.1.0", contract: "c2", snapshotID: "s2"))

        // A quarantined candidate (s3) and a plain candidate (s4) are newer but never count.
        try await catalog.quarantine(snapshotID: "s3", reason: "breaks consumers")
        #expect(try await catalog.latestPublishedContract(product: "sales.orders")?.snapshotID == "s2")

        // A superseded snapshot counts (it was current once) until it is quarantined.
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        #expect(try await catalog.latestPublishedContract(product: "sales.orders")?.snapshotID == "s2")
        try await catalog.quarantine(snapshotID: "s2", reason: "found bad later")
        #expect(
            try await catalog.latestPublishedContract(product: "sales.orders")
                == PublishedContract(version: "1.0.0", contract: "c1", snapshotID: "s1"))
    }

    @Test func previousMajorsAreTheNewestPublishedSnapshotOfEachOlderMajor() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await catalog.previousMajorSnapshots(product: "sales.orders").isEmpty)
        let versions = [
            ("a", "1.0.0"), ("b", "1.2.0"), ("c", "1.3.0"), ("d", "2.0.0"), ("e", "2.1.0"),
            ("f", "3.0.0"), ("g", "3.1.0"),
        ]
        for (index, (id, version)) in versions.enumerated() {
            try await catalog.addSnapshot(Fixtures.snapshot(id, at: Double(index) * 60, version: version))
        }
        for id in ["a", "b", "d", "e", "f"] {
            try await catalog.publish(snapshotID: id, product: "sales.orders")
        }
        // c (1.3.0) was never published; g (3.1.0) is a candidate of the current major.
        #expect(try await catalog.previousMajorSnapshots(product: "sales.orders").map(\.id) == ["e", "b"])

        // Quarantining the newest of a major falls back to the one before it.
        try await catalog.quarantine(snapshotID: "e", reason: "bad")
        #expect(try await catalog.previousMajorSnapshots(product: "sales.orders").map(\.id) == ["d", "b"])

        // After a rollback to major 1, there is no older major to serve.
        try await catalog.publish(snapshotID: "b", product: "sales.orders")
        #expect(try await catalog.previousMajorSnapshots(product: "sales.orders").isEmpty)
    }

    @Test func aVersionThatIsNotSemanticIsLeftOut() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("x", at: 0, version: "legacy"))
        try await catalog.addSnapshot(Fixtures.snapshot("a", at: 60, version: "1.0.0"))
        try await catalog.addSnapshot(Fixtures.snapshot("b", at: 120, version: "2.0.0"))
        for id in ["x", "a", "b"] { try await catalog.publish(snapshotID: id, product: "sales.orders") }
        #expect(try await catalog.previousMajorSnapshots(product: "sales.orders").map(\.id) == ["a"])
    }
}
