import DuckDB
import Foundation
import TesseraModel
import TesseraWarehouse

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

    /// Creates the ledger's tables in `warehouse` once per open, before a load reads or writes it.
    /// Readers that may come first (`plan`, the run's state) look for the tables instead.
    static func prepare(_ warehouse: Warehouse) throws {
        try warehouse.prepare("load ledger") { try $0.execute(schemaSQL) }
    }

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

    /// key → fingerprint of every file loaded by a committed load of `source` (the latest wins),
    /// keyed as `current` is (see ``rekeyed(_:matching:)``).
    static func loadedFiles(source: String, matching current: [FileFingerprint], on connection: Connection) throws
        -> [String: String]
    {
        let rows = try connection.rows(
            """
            SELECT f.path, arg_max(f.fingerprint, f.load_id)
            FROM _tessera.load_files f JOIN _tessera.loads l USING (load_id)
            WHERE f.source = $1 AND l.status = 'committed'
            GROUP BY f.path
            """, .varchar(source))
        return rekeyed(pathFingerprints(rows), matching: current)
    }

    /// The fingerprints of the files of the last committed load of `source` (for full loads:
    /// if the files are exactly these, there is nothing new).
    static func lastLoadFiles(source: String, matching current: [FileFingerprint], on connection: Connection) throws
        -> [String: String]
    {
        let rows = try connection.rows(
            """
            SELECT path, fingerprint FROM _tessera.load_files
            WHERE load_id = (SELECT max(load_id) FROM _tessera.loads WHERE source = $1 AND status = 'committed')
            """, .varchar(source))
        return rekeyed(pathFingerprints(rows), matching: current)
    }

    /// The ledger's files keyed as the files found now. Older ledgers recorded absolute paths,
    /// which name the project where it was then: such a path is taken for the file now found at
    /// a key it ends with (`/old/place/domains/sales/data/a.csv` for `domains/sales/data/a.csv`).
    /// A wrong match costs nothing: the fingerprints (size, time, content) must still be equal
    /// for a file to count as loaded.
    static func rekeyed(_ stored: [String: String], matching current: [FileFingerprint]) -> [String: String] {
        let relative = current.filter { !$0.key.hasPrefix("/") }
        guard !relative.isEmpty, stored.keys.contains(where: { $0.hasPrefix("/") }) else { return stored }
        let byName = Dictionary(grouping: relative, by: { URL(fileURLWithPath: $0.key).lastPathComponent })
        var files: [String: String] = [:]
        for (path, fingerprint) in stored {
            guard path.hasPrefix("/"),
                let match = byName[URL(fileURLWithPath: path).lastPathComponent]?.first(where: {
                    path.hasSuffix("/" + $0.key)
                })
            else {
                files[path] = fingerprint
                continue
            }
            // A file recorded under its key since is newer than its old absolute record.
            if stored[match.key] == nil { files[match.key] = fingerprint }
        }
        return files
    }

    private static func pathFingerprints(_ rows: [[DuckDBValue]]) -> [String: String] {
        var files: [String: String] = [:]
        for row in rows {
            if case .varchar(let path) = row[0], case .varchar(let fingerprint) = row[1] { files[path] = fingerprint }
        }
        return files
    }

    /// The landed file is recorded relative to the environment folder (`layout`), as every path
    /// Tessera keeps: a moved or copied project never refers to the original's files.
    static func recordSQL(
        _ report: LoadReport, source: String, mode: String, cursorMax: String?, layout: StateLayout
    ) -> String {
        func int(_ n: Int?) -> String { n.map(String.init) ?? "NULL" }
        func text(_ s: String?) -> String { s.map(SQL.literal) ?? "NULL" }
        let landed = report.landedFile.map { layout.relativePath(of: URL(fileURLWithPath: $0)) ?? $0 }
        return """
            INSERT INTO _tessera.loads VALUES (
                \(SQL.literal(report.loadID.rawValue)), \(SQL.literal(source)), \(SQL.literal(mode)),
                \(SQL.literal(report.status.rawValue)),
                to_timestamp(\(report.startedAt.timeIntervalSince1970)),
                to_timestamp(\(report.finishedAt.timeIntervalSince1970)),
                \(report.extractedRows), \(report.loadedRows), \(report.rejectedRows), \(report.deduplicatedRows), \(report.staleRows),
                \(text(landed)), \(int(report.landedBytes)), \(text(cursorMax)), \(text(report.error))
            )
            """
    }

    static func filesSQL(source: String, files: [FileFingerprint], loadID: LoadID) -> String? {
        guard !files.isEmpty else { return nil }
        let values = files.map {
            "(\(SQL.literal(source)), \(SQL.literal($0.key)), \(SQL.literal($0.fingerprint)), \($0.size), \(SQL.literal(loadID.rawValue)))"
        }
        return "INSERT INTO _tessera.load_files VALUES " + values.joined(separator: ", ")
    }
}
