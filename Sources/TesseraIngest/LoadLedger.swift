import DuckDB
import Foundation

/// The record of every load, kept in the domain warehouse's `_tessera` schema. It is what makes a
/// re-run load nothing twice: the cursor's high-water mark and the fingerprints of the files
/// already loaded are read from here, and written in the same transaction as the data.
enum LoadLedger {
    static let schemaSQL = """
        CREATE SCHEMA IF NOT EXISTS src;
        CREATE SCHEMA IF NOT EXISTS _tessera;
        CREATE TABLE IF NOT EXISTS _tessera.loads (
            load_id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            mode VARCHAR NOT NULL,
            status VARCHAR NOT NULL,          -- committed | failed | up_to_date
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ NOT NULL,
            extracted_rows BIGINT,
            loaded_rows BIGINT,
            rejected_rows BIGINT,
            deduplicated_rows BIGINT,
            stale_rows BIGINT,
            landed_file VARCHAR,
            landed_bytes BIGINT,
            cursor_max VARCHAR,               -- the high-water mark after this load, as text
            error VARCHAR
        );
        CREATE TABLE IF NOT EXISTS _tessera.load_files (
            source VARCHAR NOT NULL,
            path VARCHAR NOT NULL,
            fingerprint VARCHAR NOT NULL,
            size BIGINT NOT NULL,
            load_id VARCHAR NOT NULL
        );
        """

    /// The cursor high-water mark of the last committed load of `source`, if any.
    static func cursorMax(source: String, on connection: Connection) throws -> String? {
        let value = try connection.scalar(
            """
            SELECT cursor_max FROM _tessera.loads
            WHERE source = $1 AND status = 'committed' AND cursor_max IS NOT NULL
            ORDER BY load_id DESC LIMIT 1
            """, .varchar(source))
        if case .varchar(let text)? = value { return text }
        return nil
    }

    /// path → fingerprint of every file loaded by a committed load of `source` (the latest wins).
    static func loadedFiles(source: String, on connection: Connection) throws -> [String: String] {
        let rows = try connection.rows(
            """
            SELECT f.path, arg_max(f.fingerprint, f.load_id)
            FROM _tessera.load_files f JOIN _tessera.loads l USING (load_id)
            WHERE f.source = $1 AND l.status = 'committed'
            GROUP BY f.path
            """, .varchar(source))
        return pathFingerprints(rows)
    }

    /// The fingerprints of the files of the last committed load of `source` (for full loads:
    /// if the files are exactly these, there is nothing new).
    static func lastLoadFiles(source: String, on connection: Connection) throws -> [String: String] {
        let rows = try connection.rows(
            """
            SELECT path, fingerprint FROM _tessera.load_files
            WHERE load_id = (SELECT max(load_id) FROM _tessera.loads WHERE source = $1 AND status = 'committed')
            """, .varchar(source))
        return pathFingerprints(rows)
    }

    private static func pathFingerprints(_ rows: [[DuckDBValue]]) -> [String: String] {
        var files: [String: String] = [:]
        for row in rows {
            if case .varchar(let path) = row[0], case .varchar(let fingerprint) = row[1] { files[path] = fingerprint }
        }
        return files
    }

    static func recordSQL(_ report: LoadReport, source: String, mode: String, cursorMax: String?) -> String {
        func int(_ n: Int?) -> String { n.map(String.init) ?? "NULL" }
        func text(_ s: String?) -> String { s.map(SQL.literal) ?? "NULL" }
        return """
            INSERT INTO _tessera.loads VALUES (
                \(SQL.literal(report.loadID.rawValue)), \(SQL.literal(source)), \(SQL.literal(mode)),
                \(SQL.literal(report.status.rawValue)),
                to_timestamp(\(report.startedAt.timeIntervalSince1970)),
                to_timestamp(\(report.finishedAt.timeIntervalSince1970)),
                \(report.extractedRows), \(report.loadedRows), \(report.rejectedRows), \(report.deduplicatedRows), \(report.staleRows),
                \(text(report.landedFile)), \(int(report.landedBytes)), \(text(cursorMax)), \(text(report.error))
            )
            """
    }

    static func filesSQL(source: String, files: [FileFingerprint], loadID: LoadID) -> String? {
        guard !files.isEmpty else { return nil }
        let values = files.map {
            "(\(SQL.literal(source)), \(SQL.literal($0.path)), \(SQL.literal($0.fingerprint)), \($0.size), \(SQL.literal(loadID.rawValue)))"
        }
        return "INSERT INTO _tessera.load_files VALUES " + values.joined(separator: ", ")
    }
}
