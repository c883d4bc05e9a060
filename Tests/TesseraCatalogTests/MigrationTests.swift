import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

@Suite struct MigrationTests {
    @Test func aFreshFileGetsFoldersEveryMigrationWALAndForeignKeys() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        #expect(FileManager.default.fileExists(atPath: folder.catalogFile.path))
        let (migrations, tables, journal, foreignKeys) = try await catalog.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(
            migrations == [
                "v10_web", "v11_pg", "v12_dashboard_deliveries", "v13_node_logs", "v14_password_scram", "v1_runs",
                "v1_snapshots",
                "v2_quality", "v3_metadata",
                "v4_audit",
                "v5_relative_paths", "v6_tokens", "v7_automation", "v8_alerts", "v9_backfills",
            ])
        #expect(
            tables == [
                "alert", "audit_entry", "automation_decision", "automation_decision_history", "automation_node",
                "backfill", "backfill_chunk", "check_run", "dashboard_delivery", "dashboard_delivery_cursor",
                "meta_asset", "meta_column", "meta_column_search",
                "meta_column_search_config",
                "meta_column_search_content", "meta_column_search_data", "meta_column_search_docsize",
                "meta_column_search_idx",
                "meta_domain", "meta_lineage", "meta_search", "meta_search_config", "meta_search_content",
                "meta_search_data",
                "meta_search_docsize", "meta_search_idx", "metadata_state", "node_log", "node_run", "password",
                "password_scram",
                "queued_run", "run",
                "scram_salt", "snapshot",
                "snapshot_drift",
                "snapshot_profile", "snapshot_reader", "token", "token_scram", "web_session",
            ])
        #expect(journal == "wal")
        #expect(foreignKeys == true)
    }

    @Test func reopeningKeepsDataAndAppliesNothingTwice() async throws {
        let folder = try TemporaryDirectory()
        do {
            let catalog = try SQLiteCatalog(file: folder.catalogFile)
            try await catalog.startRun(Fixtures.run("20261123T101500Z-aaaa"))
        }
        let reopened = try SQLiteCatalog(file: folder.catalogFile)
        let again = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await reopened.run(id: "20261123T101500Z-aaaa") != nil)
        let migrations = try await again.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(
            migrations.sorted() == [
                "v10_web", "v11_pg", "v12_dashboard_deliveries", "v13_node_logs", "v14_password_scram", "v1_runs",
                "v1_snapshots",
                "v2_quality", "v3_metadata",
                "v4_audit",
                "v5_relative_paths", "v6_tokens", "v7_automation", "v8_alerts", "v9_backfills",
            ])
    }

    /// A file written by the first release (only the v1 migrations) keeps its runs and
    /// snapshots when this version opens it, and takes the new columns and tables.
    @Test func aV1FileIsUpgradedInPlaceAndKeepsItsRows() async throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: folder.catalogFile.deletingLastPathComponent(),
            withIntermediateDirectories: true)
        do {
            let v1 = try DatabaseQueue(path: folder.catalogFile.path)
            try CatalogSchema.migrator.migrate(v1, upTo: "v1_snapshots")
            try await v1.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (id, environment, command, started_at, status, process_id, host)
                        VALUES ('r1', 'dev', 'run', '2026-11-23 10:15:00.000', 'succeeded', 1, 'elsewhere');
                        INSERT INTO snapshot (id, product, version, created_at, row_count, byte_count, file_count,
                                              path, run_id, status)
                        VALUES ('s1', 'sales.orders', '1.0.0', '2026-11-23 10:15:00.000', 42, 4096, 1,
                                '/lake/sales/orders/s1', 'r1', 'current');
                        """)
            }
            try v1.close()
        }
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let current = try await catalog.currentSnapshot(product: "sales.orders")
        #expect(current?.id == "s1")
        #expect(current?.runID == "r1")
        #expect(current?.contract == nil)
        #expect(current?.path == "domains/sales/lake/products/orders/s1")
        #expect(try await catalog.run(id: "r1")?.run.status == .succeeded)
        // Without a recorded contract there is nothing to compare with, not an error.
        #expect(try await catalog.latestPublishedContract(product: "sales.orders") == nil)
        try await catalog.recordChecks([Fixtures.check("unique(order_id)", on: "s1", runID: "r1")])
        #expect(try await catalog.latestChecks(product: "sales.orders").map(\.name) == ["unique(order_id)"])
        let migrations = try await catalog.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(
            migrations == [
                "v10_web", "v11_pg", "v12_dashboard_deliveries", "v13_node_logs", "v14_password_scram", "v1_runs",
                "v1_snapshots",
                "v2_quality", "v3_metadata",
                "v4_audit",
                "v5_relative_paths", "v6_tokens", "v7_automation", "v8_alerts", "v9_backfills",
            ])
    }

    /// A v4 file recorded snapshot folders as absolute paths, which name the project where it was
    /// then; `v5_relative_paths` records them below the environment folder, whatever the
    /// project's place or its state folder's name, and leaves relative ones alone.
    @Test func aV4FileRecordsSnapshotPathsRelativeToTheEnvironmentFolder() async throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: folder.catalogFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let v4 = try DatabaseQueue(path: folder.catalogFile.path)
            try CatalogSchema.migrator.migrate(v4, upTo: "v4_audit")
            try await v4.write { db in
                for (id, path) in [
                    ("sales.orders@r1", "/home/ana/old place/state/dev/domains/sales/lake/products/orders/r1"),
                    ("sales.orders@r2", "domains/sales/lake/products/orders/r2"),
                    ("sales.orders@r3", "/"),
                ] {
                    try db.execute(
                        sql: """
                            INSERT INTO snapshot (id, product, version, created_at, row_count, byte_count, file_count,
                                                  path, status)
                            VALUES (?, 'sales.orders', '1.0.0', '2026-11-23 10:15:00.000', 1, 1, 1, ?, 'superseded')
                            """, arguments: [id, path])
                }
            }
            try v4.close()
        }
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let paths = try await catalog.snapshots(product: "sales.orders").map(\.path).sorted()
        #expect(
            paths == [
                "domains/sales/lake/products/orders/r1", "domains/sales/lake/products/orders/r2",
                "domains/sales/lake/products/orders/r3",
            ])
    }

    @Test func severalProcessesMayCreateTheSameFileAtOnce() async throws {
        let folder = try TemporaryDirectory()
        let file = folder.catalogFile
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try SQLiteCatalog(file: file) }
            }
            try await group.waitForAll()
        }
        let catalog = try SQLiteCatalog(file: file)
        #expect(try await catalog.runs(limit: 10, environment: nil).isEmpty)
    }

    @Test func aFileFromANewerTesseraIsRefusedWithAnUpgradeHint() async throws {
        let folder = try TemporaryDirectory()
        do {
            let catalog = try SQLiteCatalog(file: folder.catalogFile)
            try await catalog.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9_future')")
            }
        }
        let error = #expect(throws: CatalogError.self) { try SQLiteCatalog(file: folder.catalogFile) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.hint?.contains("upgrade tessera") == true)
        #expect(error?.file == folder.catalogFile.path)
    }

    @Test func aFileThatIsNotADatabaseIsNamedAsDamaged() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("catalog.sqlite")
        try Data(repeating: 0x41, count: 8_192).write(to: file)
        let error = #expect(throws: CatalogError.self) { try SQLiteCatalog(file: file) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains(file.path) == true)
        #expect(error?.hint?.contains("backup") == true)
    }

    @Test func aFileStandingWhereTheFolderShouldBeIsReported() throws {
        let folder = try TemporaryDirectory()
        let blocker = folder.url.appendingPathComponent(".tessera")
        try Data("not a folder".utf8).write(to: blocker)
        let error = #expect(throws: CatalogError.self) { try SQLiteCatalog(file: folder.catalogFile) }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains(".tessera/dev") == true)
    }

    /// Root may write anywhere, so the permission bits prove nothing there.
    @Test(.disabled(if: getuid() == 0, "root ignores file permissions"))
    func aReadOnlyFolderIsReportedAsNotWritable() throws {
        let folder = try TemporaryDirectory()
        let locked = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let error = #expect(throws: CatalogError.self) {
            try SQLiteCatalog(file: locked.appendingPathComponent("catalog.sqlite"))
        }
        #expect(error?.kind == .unavailable)
    }

    /// Not a benchmark: prints what opening costs, since `tessera plan` opens the catalog on every call.
    @Test func openingIsCheap() throws {
        let folder = try TemporaryDirectory()
        let clock = ContinuousClock()
        let fresh = try clock.measure { _ = try SQLiteCatalog(file: folder.catalogFile) }
        var reopen: [Duration] = []
        for _ in 0..<5 {
            reopen.append(try clock.measure { _ = try SQLiteCatalog(file: folder.catalogFile) })
        }
        print("catalog open: fresh file \(fresh.milliseconds) ms; existing file \(reopen.map(\.milliseconds)) ms")
    }
}

extension Duration {
    var milliseconds: String {
        let (seconds, attoseconds) = components
        return String(format: "%.1f", Double(seconds) * 1_000 + Double(attoseconds) / 1e15)
    }
}
