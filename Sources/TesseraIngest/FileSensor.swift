import DuckDB
import Foundation
import TesseraModel

/// What a file source's sensor sees: the files its connector's glob matches now, each with the
/// fingerprint its load would record in the load ledger (`FileFingerprint`), so a file fires the
/// sensor exactly when a load would find it new or changed.
public enum FileSensor {
    /// One matched file: its ledger key (relative to the project root when inside it) and fingerprint.
    public struct Observation: Sendable, Hashable {
        public var path: String
        public var fingerprint: String
    }

    /// The files of a csv, json or parquet source, sorted by path; empty for other connectors.
    /// `connection` only expands the glob, as the load's readers would (any DuckDB connection).
    public static func observe(_ source: Source, projectRoot: URL, connection: Connection) throws -> [Observation] {
        let connector: FileConnector
        switch source.connector {
        case .csv(let files), .json(let files), .parquet(let files): connector = files
        case .postgres, .http: return []
        }
        let extractor = FileExtractor(
            source: source, connector: connector, projectRoot: projectRoot, loadID: LoadID(rawValue: "sensor"))
        return try extractor.matchingFiles(on: connection).map { url in
            let print = try FileFingerprint.of(url, projectRoot: projectRoot)
            return Observation(path: print.key, fingerprint: print.fingerprint)
        }
    }
}
