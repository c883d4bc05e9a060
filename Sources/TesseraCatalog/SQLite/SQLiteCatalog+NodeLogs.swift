import Foundation
internal import GRDB

// Each node's log lines in a run (`node_log`, migration `v13_node_logs`).
extension SQLiteCatalog {
    /// One transaction and one cached statement per batch: the run's log writer sends a batch a
    /// few times a second, never a line at a time.
    public func appendNodeLog(_ lines: [NodeLogRecord]) async throws(CatalogError) {
        guard !lines.isEmpty else { return }
        try await writing { db in
            for runID in Set(lines.map(\.runID)).sorted() {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [runID]) != true {
                    throw CatalogError(
                        .notFound, "cannot log nodes of run \(runID): no such run",
                        hint: "start the run (startRun) before logging its nodes.")
                }
            }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO node_log
                        (run_id, sequence, node, logged_at, level, text, samples, sample_rows)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for line in lines {
                try statement.execute(arguments: [
                    line.runID, line.sequence, line.node, line.loggedAt, line.level.rawValue, line.text,
                    Self.samplesJSON(line.samples), line.sampleRows,
                ])
            }
        }
    }

    public func nodeLog(runID: String, node: String?) async throws(CatalogError) -> [NodeLogRecord] {
        try await reading { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, sequence, node, logged_at, level, text, samples, sample_rows FROM node_log
                    WHERE run_id = :run \(node == nil ? "" : "AND node = :node") ORDER BY sequence
                    """, arguments: ["run": runID, "node": node])
            return try rows.map { row in
                let samples: String = try row.decode(forColumn: "samples")
                return NodeLogRecord(
                    runID: try row.decode(forColumn: "run_id"), sequence: try row.decode(forColumn: "sequence"),
                    node: try row.decode(forColumn: "node"), loggedAt: try row.decode(forColumn: "logged_at"),
                    level: try row.decodeEnum(NodeLogLevel.self, "level", table: "node_log"),
                    text: try row.decode(forColumn: "text"),
                    samples: (try? JSONDecoder().decode([String].self, from: Data(samples.utf8))) ?? [],
                    sampleRows: try row.decode(forColumn: "sample_rows"))
            }
        }
    }

    static func samplesJSON(_ samples: [String]) -> String {
        guard !samples.isEmpty, let data = try? JSONEncoder().encode(samples) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
