import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

/// The write-ahead log stays beside the catalog between processes (no checkpoint, no fsync, when
/// one closes it), unless it grew large: then it is folded back, so that the next process to open
/// the catalog need not read it all.
@Suite struct WriteAheadLogTests {
    static func logSize(_ catalog: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: catalog.path + "-wal")[.size] as? Int) ?? -1
    }

    @Test func aSmallLogStaysWhenTheCatalogIsReleased() async throws {
        let folder = try TemporaryDirectory()
        do {
            let catalog = try SQLiteCatalog(file: folder.catalogFile)
            try await catalog.startRun(Fixtures.run("r1"))
        }
        let size = Self.logSize(folder.catalogFile)
        #expect(size > 0 && size < SQLiteCatalog.largeLog, "the log was kept, not checkpointed away: \(size) bytes")
        let reopened = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await reopened.run(id: "r1") != nil, "the commit in the log is part of the catalog")
    }

    @Test func aLargeLogIsFoldedBackOnReleaseAndOnOpening() async throws {
        let folder = try TemporaryDirectory()
        func fill(_ catalog: SQLiteCatalog) throws {
            try catalog.pool.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS filler (x BLOB)")
                try db.execute(
                    sql: """
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
                        INSERT INTO filler SELECT zeroblob(1048576) FROM n
                        """)
            }
        }
        do {
            let catalog = try SQLiteCatalog(file: folder.catalogFile)
            try fill(catalog)
            #expect(Self.logSize(folder.catalogFile) > SQLiteCatalog.largeLog)
        }
        #expect(Self.logSize(folder.catalogFile) == 0, "released: folded back and truncated")

        let writer = try SQLiteCatalog(file: folder.catalogFile)
        try fill(writer)
        #expect(Self.logSize(folder.catalogFile) > SQLiteCatalog.largeLog)
        let reader = try SQLiteCatalog(file: folder.catalogFile)
        #expect(Self.logSize(folder.catalogFile) == 0, "opened beside an idle writer: folded back")
        #expect(try await reader.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") } == 24)
        _ = writer
    }
}
