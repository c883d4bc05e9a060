import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

@Suite struct InterruptedRunTests {
    func storedStatus(_ catalog: SQLiteCatalog, _ id: String) throws -> String? {
        try catalog.pool.read { db in
            try String.fetchOne(db, sql: "SELECT status FROM run WHERE id = ?", arguments: [id])
        }
    }

    @Test func aRunWhoseProcessIsGoneReadsAsInterruptedWithoutBeingRewritten() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let dead = Fixtures.run(
            "20261123T101500Z-dead", processID: try Fixtures.deadProcessID(), host: ProcessLiveness.currentHost)
        try await catalog.startRun(dead)
        #expect(try await catalog.run(id: dead.id)?.run.status == .interrupted)
        #expect(try await catalog.runs(limit: 5, environment: nil).first?.run.status == .interrupted)
        #expect(try await catalog.lastRun(environment: "dev", command: "run")?.status == .interrupted)
        #expect(try storedStatus(catalog, dead.id) == "running")
    }

    @Test func aLiveRunAndARunOfAnotherHostStayRunning() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        // Started now by this very process: alive, and not younger than its run.
        try await catalog.startRun(RunRecord(id: "live", environment: "dev", command: "run"))
        try await catalog.startRun(
            Fixtures.run("elsewhere", processID: try Fixtures.deadProcessID(), host: "another-host.example"))
        #expect(try await catalog.run(id: "live")?.run.status == .running)
        #expect(try await catalog.run(id: "elsewhere")?.run.status == .running)
    }

    @Test func theNextRunStartedOnThisHostRecordsTheInterruption() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let dead = Fixtures.run("20261123T101500Z-dead", processID: try Fixtures.deadProcessID())
        try await catalog.startRun(dead)
        try await catalog.startRun(Fixtures.run("20261123T101600Z-next", at: 60))
        #expect(try storedStatus(catalog, dead.id) == "interrupted")
        #expect(try storedStatus(catalog, "20261123T101600Z-next") == "running")
    }

    /// After a reboot pids are handed out again from the start: a live process younger than the
    /// run cannot be the one that recorded it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat")))
    func aReusedPIDDoesNotKeepAnOldRunAlive() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let old = RunRecord(
            id: "20200913T122640Z-0001", environment: "dev", command: "run",
            startedAt: Date(timeIntervalSince1970: 1_600_000_000), processID: getpid())
        try await catalog.startRun(old)
        #expect(try await catalog.run(id: old.id)?.run.status == .interrupted)
        #expect(ProcessLiveness.isAlive(getpid()))
        #expect(ProcessLiveness.isAlive(getpid(), startedBy: Date()))
        #expect(!ProcessLiveness.isAlive(0))
    }
}
