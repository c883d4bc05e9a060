import Foundation
import Testing

@testable import TesseraCatalog

/// Every product's current snapshot in one read: what the PostgreSQL endpoint compares at each
/// transaction's start to learn whether anything was published since.
@Suite struct CurrentSnapshotIDsTests {
    @Test func listsEachProductsCurrentSnapshotAndFollowsAPublish() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("r1"))
        #expect(try await catalog.currentSnapshotIDs() == [:])
        try await catalog.addSnapshot(Fixtures.snapshot("s1", at: 0, runID: "r1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60))
        try await catalog.addSnapshot(Fixtures.snapshot("o1", product: "finance.revenue"))
        #expect(try await catalog.currentSnapshotIDs() == [:])
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        try await catalog.publish(snapshotID: "o1", product: "finance.revenue")
        #expect(try await catalog.currentSnapshotIDs() == ["sales.orders": "s1", "finance.revenue": "o1"])
        try await catalog.publish(snapshotID: "s2", product: "sales.orders")
        #expect(try await catalog.currentSnapshotIDs() == ["sales.orders": "s2", "finance.revenue": "o1"])
    }
}
