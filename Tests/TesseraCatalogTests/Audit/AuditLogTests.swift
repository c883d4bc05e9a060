import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

/// The audit log on real SQLite files: what the catalog's own changes append, the chain, and
/// `verifyAudit` catching an edited row, a deleted row and a removed tail.
@Suite struct AuditLogTests {
    /// A run that publishes one snapshot, quarantines another and finishes, plus a query: six entries.
    func catalogWithHistory(_ folder: TemporaryDirectory) async throws -> SQLiteCatalog {
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("r1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s1", runID: "r1", contract: #"{"columns":["a"]}"#))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60, runID: "r1", contract: #"{"columns":["a"]}"#))
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        try await catalog.quarantine(snapshotID: "s2", reason: "unique(order_id) failed")
        try await catalog.finishRun(id: "r1", status: .succeeded, finishedAt: Fixtures.start.addingTimeInterval(90))
        _ = try await catalog.appendAudit(
            AuditDraft(
                action: .query, target: "acme", outcome: "succeeded",
                detailJSON: #"{"rows":3,"sql":"select 1"}"#))
        return catalog
    }

    /// Opens the file behind the catalog's back, as someone with write access to it could.
    func tamper(_ folder: TemporaryDirectory, _ sql: String) throws {
        let queue = try DatabaseQueue(path: folder.catalogFile.path)
        try queue.write { db in
            try db.execute(
                sql: "DROP TRIGGER IF EXISTS audit_entry_no_update; DROP TRIGGER IF EXISTS audit_entry_no_delete")
            try db.execute(sql: sql)
        }
    }

    @Test func theCatalogsOwnChangesAppendChainedEntries() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        let entries = try await catalog.auditEntries(limit: 100, action: nil)
        #expect(entries.map(\.action) == ["query", "run.finish", "quarantine", "publish", "run.start"])
        #expect(entries.map(\.sequence) == [5, 4, 3, 2, 1])
        #expect(entries.last?.previousHash == AuditChain.genesis)
        for (newer, older) in zip(entries, entries.dropFirst()) { #expect(newer.previousHash == older.hash) }
        #expect(entries.allSatisfy { $0.hash == $0.expectedHash && $0.actor.contains("@") })
        let publish = try #require(entries.first { $0.action == "publish" })
        #expect(publish.target == "sales.orders")
        #expect(publish.detail.contains(#""rows":42"#) && publish.detail.contains(#""snapshot":"s1""#))
        #expect(entries.first { $0.action == "run.finish" }?.outcome == "succeeded")
        #expect(entries.first { $0.action == "quarantine" }?.detail.contains("unique(order_id) failed") == true)
        #expect(try await catalog.auditEntries(limit: 10, action: "publish").count == 1)

        let verification = try await catalog.verifyAudit()
        #expect(verification.intact, "\(String(describing: verification.problem))")
        #expect(verification.entries == 5)
        #expect(verification.recordedHead == verification.last)
    }

    @Test func aChangeThatRollsBackAppendsNothing() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        await #expect(throws: CatalogError.self) {
            try await catalog.publish(snapshotID: "nope", product: "sales.orders")
        }
        await #expect(throws: CatalogError.self) {
            try await catalog.finishRun(id: "nope", status: .failed, finishedAt: Fixtures.start)
        }
        #expect(try await catalog.auditEntries(limit: 10, action: nil).isEmpty)
        #expect(try await catalog.verifyAudit().intact)
    }

    @Test func publishingADifferentContractRecordsTheVersionChange() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1", contract: #"{"columns":["a"]}"#))
        try await catalog.addSnapshot(
            Fixtures.snapshot("s2", at: 60, version: "2.0.0", contract: #"{"columns":["b"]}"#))
        try await catalog.addSnapshot(
            Fixtures.snapshot("s3", at: 120, version: "2.0.0", contract: #"{"columns":["b"]}"#))
        for id in ["s1", "s2", "s3"] { try await catalog.publish(snapshotID: id, product: "sales.orders") }
        let changes = try await catalog.auditEntries(limit: 10, action: "contract.change")
        #expect(changes.count == 1)
        #expect(changes.first?.detail == #"{"from":"1.0.0","previous_snapshot":"s1","snapshot":"s2","to":"2.0.0"}"#)
        #expect(try await catalog.auditEntries(limit: 10, action: "publish").count == 3)
    }

    @Test func anAccessPolicyIsRecordedWhenNewOrDifferent() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let open = #"{"masks":{},"readers":null,"roles":[]}"#
        let closed = #"{"masks":{"email":"hash"},"readers":["finance"],"roles":[]}"#
        let first = try await catalog.recordAccessPolicies(["sales.orders": open, "sales.customers": open])
        #expect(first.map(\.outcome) == ["set", "set"])
        #expect(try await catalog.recordAccessPolicies(["sales.orders": open, "sales.customers": open]).isEmpty)
        // Whitespace is not a change: both sides are normalised.
        #expect(
            try await catalog.recordAccessPolicies(["sales.orders": #"{"masks": {}, "readers": null, "roles": []}"#])
                .isEmpty)
        let changed = try await catalog.recordAccessPolicies(["sales.orders": closed, "sales.customers": open])
        #expect(changed.count == 1)
        #expect(changed.first?.outcome == "changed")
        #expect(changed.first?.detail == #"{"access":\#(closed),"previous":\#(open)}"#)
        #expect(try await catalog.verifyAudit().intact)
    }

    @Test func theTableRefusesUpdatesAndDeletes() async throws {
        let folder = try TemporaryDirectory()
        _ = try await catalogWithHistory(folder)
        let queue = try DatabaseQueue(path: folder.catalogFile.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE audit_entry SET outcome = 'failed' WHERE sequence = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "DELETE FROM audit_entry WHERE sequence = 2") }
        }
    }

    @Test func verifyFindsAnEditedEntry() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        try tamper(
            folder, #"UPDATE audit_entry SET detail = replace(detail, '"rows":42', '"rows":41') WHERE sequence = 2"#)
        let verification = try await catalog.verifyAudit()
        #expect(verification.problem?.kind == "edited")
        #expect(verification.problem?.sequence == 2)
        #expect(verification.problem?.message.contains("entry 2 (publish sales.orders") == true)
    }

    @Test func verifyFindsAnEntryRewrittenWithAFreshHash() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        // The forger recomputes entry 2's own hash; entry 3 still names the old one.
        let entry = try #require(try await catalog.auditEntries(limit: 10, action: "publish").first)
        var forged = entry
        forged.outcome = "failed"
        try tamper(
            folder, "UPDATE audit_entry SET outcome = 'failed', hash = '\(forged.expectedHash)' WHERE sequence = 2")
        let verification = try await catalog.verifyAudit()
        #expect(verification.problem?.kind == "broken_link")
        #expect(verification.problem?.sequence == 3)
    }

    @Test func verifyFindsADeletedEntry() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        try tamper(folder, "DELETE FROM audit_entry WHERE sequence = 3")
        let verification = try await catalog.verifyAudit()
        #expect(verification.problem?.kind == "missing")
        #expect(verification.problem?.sequence == 3)
        #expect(verification.problem?.message == "entry 3 is missing: the log goes from 2 to 4")
    }

    @Test func verifyFindsARemovedTail() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        try tamper(folder, "DELETE FROM audit_entry WHERE sequence >= 4")
        let verification = try await catalog.verifyAudit()
        #expect(verification.problem?.kind == "truncated")
        #expect(verification.problem?.sequence == 4)
        #expect(verification.problem?.message.contains("the head recorded entry 5") == true)
    }

    @Test func verifyFindsAMissingHeadFile() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithHistory(folder)
        try FileManager.default.removeItem(at: catalog.auditHeadFile)
        #expect(try await catalog.verifyAudit().problem?.kind == "head")
        // The next append writes it again.
        _ = try await catalog.appendAudit(AuditDraft(action: .query, target: "acme", outcome: "succeeded"))
        #expect(try await catalog.verifyAudit().intact)
    }

    /// Two pools are two sets of connections, each taking SQLite's file locks as a second
    /// process would; the end-to-end tests run separate `tessera` processes as well.
    @Test func twoWritersOnOneFileNeverForkTheChain() async throws {
        let folder = try TemporaryDirectory()
        let catalogs = [try SQLiteCatalog(file: folder.catalogFile), try SQLiteCatalog(file: folder.catalogFile)]
        let perWriter = 150
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, catalog) in catalogs.enumerated() {
                group.addTask {
                    for n in 0..<perWriter {
                        _ = try await catalog.appendAudit(
                            AuditDraft(
                                action: .query, target: "writer\(index)",
                                outcome: "succeeded", detailJSON: #"{"n":\#(n)}"#))
                    }
                }
            }
            try await group.waitForAll()
        }
        let verification = try await catalogs[0].verifyAudit()
        #expect(verification.intact, "\(String(describing: verification.problem))")
        #expect(verification.entries == Int64(2 * perWriter))
        #expect(verification.recordedHead?.sequence == Int64(2 * perWriter))
    }
}
