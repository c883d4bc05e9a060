import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

@Suite struct SnapshotTests {
    @Test func publishingMakesOneCurrentAndSupersedesThePrevious() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("r1"))
        var first = Fixtures.snapshot("s1", at: 0, runID: "r1")
        first.status = .current  // ignored: a new snapshot is always a candidate
        try await catalog.addSnapshot(first)
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60))
        try await catalog.addSnapshot(Fixtures.snapshot("o1", product: "finance.revenue"))
        #expect(try await catalog.currentSnapshot(product: "sales.orders") == nil)

        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        var expected = first
        expected.status = .current
        #expect(try await catalog.currentSnapshot(product: "sales.orders") == expected)

        try await catalog.publish(snapshotID: "s2", product: "sales.orders")
        #expect(try await catalog.currentSnapshot(product: "sales.orders")?.id == "s2")
        let all = try await catalog.snapshots(product: "sales.orders")
        #expect(all.map(\.id) == ["s2", "s1"])
        #expect(all.map(\.status) == [.current, .superseded])
        #expect(try await catalog.snapshots(product: "finance.revenue").map(\.status) == [.candidate])

        // Publishing the current one again changes nothing; a superseded one can come back.
        try await catalog.publish(snapshotID: "s2", product: "sales.orders")
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        #expect(try await catalog.snapshots(product: "sales.orders").map(\.status) == [.superseded, .current])
    }

    @Test func quarantinedSnapshotsAreNeverPublished() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60))
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        try await catalog.quarantine(snapshotID: "s2", reason: "check unique(order_id) failed: 3 duplicates")
        let quarantined = try await catalog.snapshots(product: "sales.orders").first
        #expect(quarantined?.status == .quarantined)
        #expect(quarantined?.reason == "check unique(order_id) failed: 3 duplicates")

        let publish = await #expect(throws: CatalogError.self) {
            try await catalog.publish(snapshotID: "s2", product: "sales.orders")
        }
        #expect(publish?.kind == .conflict)
        #expect(publish?.message.contains("3 duplicates") == true)
        #expect(try await catalog.currentSnapshot(product: "sales.orders")?.id == "s1")
    }

    @Test func mistakesAreRefusedWithoutChangingAnything() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")

        let currentOne = await #expect(throws: CatalogError.self) {
            try await catalog.quarantine(snapshotID: "s1", reason: "bad")
        }
        #expect(currentOne?.kind == .conflict)
        #expect(currentOne?.hint?.contains("publish another snapshot") == true)
        let otherProduct = await #expect(throws: CatalogError.self) {
            try await catalog.publish(snapshotID: "s1", product: "finance.revenue")
        }
        #expect(otherProduct?.kind == .conflict)
        let unknown = await #expect(throws: CatalogError.self) {
            try await catalog.publish(snapshotID: "nope", product: "sales.orders")
        }
        #expect(unknown?.kind == .notFound)
        let duplicate = await #expect(throws: CatalogError.self) {
            try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        }
        #expect(duplicate?.kind == .conflict)
        let unknownRun = await #expect(throws: CatalogError.self) {
            try await catalog.addSnapshot(Fixtures.snapshot("s9", runID: "no-such-run"))
        }
        #expect(unknownRun?.kind == .notFound)
        #expect(try await catalog.currentSnapshot(product: "sales.orders")?.id == "s1")
    }

    /// The schema itself refuses a second current snapshot, whatever code writes to it.
    @Test func theFileRefusesTwoCurrentSnapshotsOfOneProduct() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2"))
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        #expect(throws: DatabaseError.self) {
            try catalog.pool.write { db in try db.execute(sql: "UPDATE snapshot SET status = 'current' WHERE id = 's2'")
            }
        }
    }
}
