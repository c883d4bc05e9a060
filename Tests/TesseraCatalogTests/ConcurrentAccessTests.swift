import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

/// Several connections (and processes) on one file: what `tessera run` in one terminal and
/// `tessera runs` or `tessera query` in another do.
@Suite struct ConcurrentAccessTests {
    static let flips = 200

    /// Two publishable snapshots of one product, the first one current.
    func catalogWithTwoSnapshots(_ folder: TemporaryDirectory) async throws -> SQLiteCatalog {
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.addSnapshot(Fixtures.snapshot("s1"))
        try await catalog.addSnapshot(Fixtures.snapshot("s2", at: 60))
        try await catalog.publish(snapshotID: "s1", product: "sales.orders")
        return catalog
    }

    @Test func aReaderOnAnotherPoolNeverSeesZeroOrTwoCurrentSnapshots() async throws {
        let folder = try TemporaryDirectory()
        let writer = try await catalogWithTwoSnapshots(folder)
        let reader = try SQLiteCatalog(file: folder.catalogFile)
        let done = Flag()
        let seen = try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask {
                for flip in 0..<Self.flips {
                    try await writer.publish(snapshotID: flip.isMultiple(of: 2) ? "s2" : "s1", product: "sales.orders")
                }
                await done.set()
                return []
            }
            group.addTask {
                var counts: [Int] = []
                while await !done.isSet {
                    counts.append(
                        try await reader.pool.read { db in
                            try Int.fetchOne(
                                db,
                                sql:
                                    "SELECT count(*) FROM snapshot WHERE product = 'sales.orders' AND status = 'current'"
                            ) ?? -1
                        })
                    #expect(try await reader.currentSnapshot(product: "sales.orders") != nil)
                }
                return counts
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0 == 1 })
    }

    /// A real second process: the `sqlite3` shell runs the same query over and over while this
    /// process keeps publishing.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aReaderProcessNeverSeesZeroOrTwoCurrentSnapshots() async throws {
        let folder = try TemporaryDirectory()
        let writer = try await catalogWithTwoSnapshots(folder)
        let queries = 2_000
        let script = folder.url.appendingPathComponent("reader.sql")
        let output = folder.url.appendingPathComponent("reader.out")
        let query = "SELECT count(*) FROM snapshot WHERE product = 'sales.orders' AND status = 'current';\n"
        try Data((".timeout 5000\n" + String(repeating: query, count: queries)).utf8).write(to: script)
        #expect(FileManager.default.createFile(atPath: output.path, contents: nil))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [folder.catalogFile.path]
        process.standardInput = try FileHandle(forReadingFrom: script)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        var flips = 0
        while process.isRunning {
            try await writer.publish(snapshotID: flips.isMultiple(of: 2) ? "s2" : "s1", product: "sales.orders")
            flips += 1
        }
        process.waitUntilExit()

        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(process.terminationStatus == 0)
        #expect(lines.count == queries)
        #expect(lines.allSatisfy { $0 == "1" })
        #expect(flips > 0)
    }

    /// `tessera check` in one terminal while `tessera catalog show` reads in another: a reader
    /// sees a whole check pass or the previous one, never part of one.
    @Test func aReaderSeesWholeCheckPassesWhileAWriterRecordsThem() async throws {
        let folder = try TemporaryDirectory()
        let writer = try await catalogWithTwoSnapshots(folder)
        let reader = try SQLiteCatalog(file: folder.catalogFile)
        let checksPerPass = 8
        let done = Flag()
        let seen = try await withThrowingTaskGroup(of: [[CheckRunRecord]].self) { group in
            group.addTask {
                for pass in 0..<Self.flips {
                    let snapshot = pass.isMultiple(of: 2) ? "s2" : "s1"
                    try await writer.recordChecks(
                        (0..<checksPerPass).map {
                            Fixtures.check("check_\($0)", on: snapshot, at: Double(pass))
                        })
                }
                await done.set()
                return []
            }
            for _ in 0..<2 {
                group.addTask {
                    var passes: [[CheckRunRecord]] = []
                    while await !done.isSet {
                        passes.append(try await reader.latestChecks(product: "sales.orders"))
                    }
                    return passes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(!seen.isEmpty)
        for pass in seen where !pass.isEmpty {
            #expect(pass.count == checksPerPass)
            #expect(Set(pass.map(\.snapshotID)).count == 1)
            #expect(Set(pass.map(\.checkedAt)).count == 1)
        }
        #expect(try await reader.checks(snapshotID: "s1").count == checksPerPass * Self.flips / 2)
    }

    /// Two writers on separate pools take turns through the busy timeout; nothing is lost.
    @Test func twoWritersOnOneFileBothSucceed() async throws {
        let folder = try TemporaryDirectory()
        let first = try SQLiteCatalog(file: folder.catalogFile)
        let second = try SQLiteCatalog(file: folder.catalogFile)
        try await first.startRun(Fixtures.run("r1"))
        try await second.startRun(Fixtures.run("r2", at: 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (catalog, runID) in [(first, "r1"), (second, "r2")] {
                group.addTask {
                    for batch in 0..<20 {
                        try await catalog.recordNodes((0..<50).map { Fixtures.node(runID, "d.m_\(batch)_\($0)") })
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = try await first.runs(limit: 10, environment: nil).map(\.nodeTotal)
        #expect(counts == [1_000, 1_000])
    }
}

actor Flag {
    private(set) var isSet = false
    func set() { isSet = true }
}
