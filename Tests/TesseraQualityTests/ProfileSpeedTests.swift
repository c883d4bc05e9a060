import DuckDB
import Foundation
import Testing
@testable import TesseraQuality

/// Profiling must cost little next to writing the snapshot. Off by default (it takes a minute):
/// `TESSERA_PROFILE_BENCH=5000000 swift test --filter ProfileSpeedTests` prints the times.
@Suite("Profile speed", .enabled(if: ProcessInfo.processInfo.environment["TESSERA_PROFILE_BENCH"] != nil))
struct ProfileSpeedTests {
    @Test func profilesAProductInAFractionOfTheParquetWrite() throws {
        let rows = Int(ProcessInfo.processInfo.environment["TESSERA_PROFILE_BENCH"] ?? "") ?? 5_000_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "profile-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("t.parquet").path
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE t AS SELECT
                range AS id,
                (range % 1000)::INTEGER AS customer_id,
                ((hash(range) % 100000) / 100.0)::DECIMAL(12,2) AS amount,
                (hash(range * 7) % 1000)::DOUBLE / 7 AS score,
                TIMESTAMP '2024-01-01' + to_seconds((hash(range * 3) % 31536000)::BIGINT) AS ordered_at,
                DATE '2020-01-01' + (range % 1500)::INTEGER AS day,
                ['placed', 'shipped', 'returned'][(range % 3) + 1] AS status,
                'user' || (hash(range) % 1000000)::VARCHAR || '@example.com' AS email,
                CASE WHEN range % 10 = 0 THEN NULL ELSE 'note ' || range::VARCHAR END AS note,
                range % 2 = 0 AS flag
            FROM range(\(rows))
            """)
        let columns: [ProfilePlan.Column] = [
            ("id", "BIGINT"), ("customer_id", "INTEGER"), ("amount", "DECIMAL(12,2)"), ("score", "DOUBLE"),
            ("ordered_at", "TIMESTAMP"), ("day", "DATE"), ("status", "VARCHAR"), ("email", "VARCHAR"),
            ("note", "VARCHAR"), ("flag", "BOOLEAN"),
        ]
        func time(_ work: () throws -> Void) rethrows -> Double {
            let start = ContinuousClock.now
            try work()
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let write = try time {
            _ = try connection.execute("COPY t TO \(MacroValuesShim.literal(file)) (FORMAT parquet)")
        }
        for relation in ["t", "read_parquet(\(MacroValuesShim.literal(file)))"] {
            var scan = AggregateScan(relation: relation)
            var profiler = ProfilePlan(columns: columns, expectedRowCount: Int64(rows))
            profiler.contribute(to: &scan)
            var row = AggregateScan.Result(values: [])
            let scanTime = try time { row = try scan.run(on: connection) }
            var profile = Profile(rowCount: 0, columns: [])
            let total = try time { profile = try profiler.finish(scan: row, connection: connection) }
            print(
                String(
                    format: "profile %@ rows=%d: COPY to parquet %.2fs, scan %.2fs (%.2f×), top values %.2fs (%.2f×)",
                    relation.hasPrefix("t") ? "table" : "parquet", rows, write, scanTime, scanTime / write, total,
                    total / write))
            #expect(profile.rowCount == Int64(rows))
        }
    }
}

/// The test target does not import TesseraSQL; a path needs only this much quoting.
private enum MacroValuesShim {
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
