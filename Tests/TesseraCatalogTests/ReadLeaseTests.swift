import Foundation
import Testing
@testable import TesseraCatalog

/// Garbage collection never removes a snapshot a live process reads.
@Suite struct ReadLeaseTests {
    /// Three superseded snapshots and a current one.
    func catalogWithHistory(_ folder: TemporaryDirectory) async throws -> SQLiteCatalog {
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        for (index, id) in ["s1", "s2", "s3", "s4"].enumerated() {
            try await catalog.addSnapshot(Fixtures.snapshot(id, at: Double(index) * 60))
            try await catalog.publish(snapshotID: id, product: "sales.orders")
        }
        return catalog
    }

    @Test func aLeaseProtectsItsSnapshotsUntilItEnds() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        let lease = try await catalog.beginReading(snapshotIDs: ["s1", "s2", "s1"])
        #expect(lease.snapshotIDs == ["s1", "s2"])
        #expect(lease.processID == ProcessLiveness.currentProcessID)
        #expect(try await catalog.snapshotsInUse() == ["s1", "s2"])

        // Another catalog on the same file (another process, as far as the file knows) sees it.
        let collector = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await collector.removeSnapshots(ids: ["s1", "s2", "s3", "s4", "unknown"]) == ["s3"])
        #expect(try await catalog.snapshots(product: "sales.orders").map(\.id) == ["s4", "s2", "s1"])

        try await catalog.endReading(lease)
        try await catalog.endReading(lease)  // twice is harmless
        #expect(try await catalog.snapshotsInUse().isEmpty)
        #expect(try await collector.removeSnapshots(ids: ["s1", "s2", "s4"]) == ["s1", "s2"])
        #expect(try await catalog.currentSnapshot(product: "sales.orders")?.id == "s4")
    }

    @Test func theLeasesNotYetEndedCanBeListed() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        #expect(try await catalog.readLeases().isEmpty)
        let first = try await catalog.beginReading(snapshotIDs: ["s2", "s1"])
        let second = try await catalog.beginReading(snapshotIDs: ["s4"])
        _ = try await catalog.beginReading(snapshotIDs: [])  // leases nothing, so is not listed
        let listed = try await catalog.readLeases()
        #expect(listed.map(\.id) == [first.id, second.id])
        #expect(listed.map(\.snapshotIDs) == [["s2", "s1"], ["s4"]])
        #expect(listed.first?.processID == ProcessLiveness.currentProcessID && listed.first?.host == first.host)
        try await catalog.endReading(first)
        #expect(try await catalog.readLeases().map(\.id) == [second.id])
    }

    @Test func aDeadProcessLeaseProtectsNothing() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["60"]
        try sleeper.run()
        defer { if sleeper.isRunning { kill(sleeper.processIdentifier, SIGKILL) } }
        let lease = try await catalog.beginReading(
            snapshotIDs: ["s1"], processID: sleeper.processIdentifier,
            host: ProcessLiveness.currentHost, since: Date())
        #expect(try await catalog.snapshotsInUse() == ["s1"])
        #expect(try await catalog.removeSnapshots(ids: ["s1"]).isEmpty)

        // SIGKILL, as a crash would (with `terminate()` the wait here took the sleep's full 60 s).
        #expect(kill(sleeper.processIdentifier, SIGKILL) == 0)
        sleeper.waitUntilExit()
        #expect(try await catalog.snapshotsInUse().isEmpty)
        #expect(try await catalog.removeSnapshots(ids: ["s1"]) == ["s1"])
        let leftover = try await catalog.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot_reader")
        }
        #expect(leftover == 0)
        try await catalog.endReading(lease)
    }

    /// A dead reader's rows go at the next collection even when its snapshots are kept.
    @Test func collectionCleansUpDeadReadersAndTrustsOtherHosts() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        _ = try await catalog.beginReading(
            snapshotIDs: ["s1"], processID: try Fixtures.deadProcessID(),
            host: ProcessLiveness.currentHost, since: Date())
        _ = try await catalog.beginReading(
            snapshotIDs: ["s2"], processID: try Fixtures.deadProcessID(),
            host: "another-host.example", since: Date())
        #expect(try await catalog.snapshotsInUse() == ["s2"])
        #expect(try await catalog.removeSnapshots(ids: ["s2", "s3"]) == ["s3"])
        let readers = try await catalog.pool.read { db in
            try String.fetchAll(db, sql: "SELECT snapshot_id FROM snapshot_reader")
        }
        #expect(readers == ["s2"])
    }

    @Test func theCurrentSnapshotIsNeverRemoved() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        #expect(try await catalog.removeSnapshots(ids: ["s4"]).isEmpty)
        #expect(try await catalog.currentSnapshot(product: "sales.orders")?.id == "s4")
        #expect(try await catalog.removeSnapshots(ids: []).isEmpty)
    }

    /// A reader that resolved a snapshot just before it was collected learns it when leasing.
    @Test func leasingARemovedSnapshotFails() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        #expect(try await catalog.removeSnapshots(ids: ["s1"]) == ["s1"])
        let error = await #expect(throws: CatalogError.self) {
            _ = try await catalog.beginReading(snapshotIDs: ["s2", "s1"])
        }
        #expect(error?.kind == .notFound)
        #expect(try await catalog.snapshotsInUse().isEmpty)  // all or nothing: s2 is not leased
    }

    @Test func removingASnapshotTakesItsChecksProfileAndDriftWithIt() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        try await catalog.recordChecks([Fixtures.check("a", on: "s1"), Fixtures.check("b", on: "s2")])
        try await catalog.recordProfile(snapshotID: "s1", json: "{}")
        try await catalog.recordDrift(snapshotID: "s1", againstSnapshotID: "s0", json: "{}", exceeded: false)
        try await catalog.recordDrift(snapshotID: "s2", againstSnapshotID: "s1", json: "{}", exceeded: true)
        #expect(try await catalog.removeSnapshots(ids: ["s1"]) == ["s1"])
        #expect(try await catalog.checks(snapshotID: "s1").isEmpty)
        #expect(try await catalog.profile(snapshotID: "s1") == nil)
        #expect(try await catalog.drift(snapshotID: "s1") == nil)
        // What compared with the removed snapshot keeps its report.
        #expect(try await catalog.drift(snapshotID: "s2")?.againstSnapshotID == "s1")
        #expect(try await catalog.checks(snapshotID: "s2").map(\.name) == ["b"])
    }
}
