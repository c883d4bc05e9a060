import DuckDB
import Foundation
import TesseraModel

/// What a source's next load would find, told without loading anything (for `tessera plan`):
/// a file source compares its files' fingerprints with those its loads recorded, as the load
/// itself does first; a database or an API can only be asked by loading.
public enum LoadPreview: Sendable, Hashable {
    /// New or changed files: how many, of how many matched.
    case newFiles(Int, of: Int)
    /// The files are exactly those already loaded: the load will find nothing.
    case nothingNew
    /// Never loaded into this environment.
    case neverLoaded
    /// A database or an API.
    case unknown

    /// `connection` is to the source's domain warehouse, or nil when it has none yet. A preview
    /// that cannot be worked out (a bad pattern, an unreadable file) is `.unknown`: the load will say why.
    public static func of(_ source: Source, projectRoot: URL, connection: Connection?) -> LoadPreview {
        switch source.connector {
        case .csv(let files), .json(let files), .parquet(let files):
            guard let connection else { return .neverLoaded }
            let extractor = FileExtractor(
                source: source, connector: files, projectRoot: projectRoot, loadID: LoadID(rawValue: "preview"))
            return (try? extractor.preview(on: connection)) ?? .unknown
        case .postgres, .http:
            return .unknown
        }
    }
}

extension FileExtractor {
    /// The first step of ``extract(on:)``: which matched files a load would read.
    func preview(on connection: Connection) throws -> LoadPreview {
        let hasLedger =
            try connection.scalar(
                """
                SELECT count(*) FROM duckdb_tables() WHERE schema_name = '_tessera' AND table_name = 'load_files'
                """)?.int64Value ?? 0
        guard hasLedger > 0 else { return .neverLoaded }
        let fingerprints = try matchingFiles(on: connection).map {
            try FileFingerprint.of($0, projectRoot: projectRoot)
        }
        guard !fingerprints.isEmpty else { return .unknown }
        switch source.load.mode {
        case .full:
            let previous = try LoadLedger.lastLoadFiles(source: source.name, matching: fingerprints, on: connection)
            if previous.isEmpty { return .neverLoaded }
            let current = Dictionary(uniqueKeysWithValues: fingerprints.map { ($0.key, $0.fingerprint) })
            if previous == current { return .nothingNew }
            return .newFiles(fingerprints.filter { previous[$0.key] != $0.fingerprint }.count, of: fingerprints.count)
        case .append, .incremental:
            let loaded = try LoadLedger.loadedFiles(source: source.name, matching: fingerprints, on: connection)
            if loaded.isEmpty { return .neverLoaded }
            let new = fingerprints.filter { loaded[$0.key] != $0.fingerprint }
            return new.isEmpty ? .nothingNew : .newFiles(new.count, of: fingerprints.count)
        }
    }
}
