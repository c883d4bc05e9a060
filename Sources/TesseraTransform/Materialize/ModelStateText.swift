import DuckDB
import Foundation
import TesseraModel

/// A model's build state as the one text value `_tessera.model_state` keeps per model:
/// `fingerprint|kind|built_at|upstream_version|built_from|built_until|rows|run_id`, timestamps
/// as UTC `TIMESTAMP` text, an absent value as an empty field. No field can hold a `|`: kinds
/// and fingerprints are fixed alphabets, and run ids are made of digits, letters and dashes.
///
/// Only ``pack(_:)`` writes it; reading goes through the view `_tessera.model_builds`
/// (``unpackingSelect``), so DuckDB does the parsing and the typed columns stay queryable.
enum ModelStateText {
    static func pack(_ state: ModelState) -> String {
        func timestamp(_ date: Date?) -> String { date.map(BuildSQL.timestampText) ?? "" }
        return [
            state.fingerprint, state.kind.rawValue, timestamp(state.builtAt), String(state.upstreamVersion),
            timestamp(state.builtFrom), timestamp(state.builtUntil), state.rows.map(String.init) ?? "",
            state.runID,
        ].joined(separator: "|")
    }

    /// The fields of the packed text, in order, with their types: the columns of the unpacked
    /// table earlier versions kept, so that readers of either see the same columns.
    private static let fields: [(name: String, type: String)] = [
        ("fingerprint", "VARCHAR"), ("kind", "VARCHAR"), ("built_at", "TIMESTAMP"),
        ("upstream_version", "BIGINT"), ("built_from", "TIMESTAMP"), ("built_until", "TIMESTAMP"),
        ("rows", "BIGINT"), ("run_id", "VARCHAR"),
    ]

    /// The query behind `_tessera.model_builds`: one typed column per field.
    static var unpackingSelect: String {
        let columns = fields.enumerated().map { index, field in
            let part = "split_part(state, '|', \(index + 1))"
            return field.type == "VARCHAR"
                ? "\(part) AS \(field.name)" : "CAST(NULLIF(\(part), '') AS \(field.type)) AS \(field.name)"
        }
        return "SELECT model, \(columns.joined(separator: ", ")) FROM _tessera.model_state"
    }

    /// Converts a warehouse whose `_tessera.model_builds` is the unpacked table of earlier
    /// versions: its rows packed into `_tessera.model_state`, the table replaced by the view
    /// (part of `schema`), all in one transaction.
    static func conversionSQL(schema: String) -> String {
        let packed = fields.map { field in
            let value = field.type == "TIMESTAMP" ? "strftime(\(field.name), '%Y-%m-%d %H:%M:%S.%f')" : field.name
            return "coalesce(CAST(\(value) AS VARCHAR), '')"
        }
        return """
            BEGIN TRANSACTION;
            CREATE TABLE IF NOT EXISTS _tessera.model_state (model VARCHAR NOT NULL, state VARCHAR NOT NULL);
            INSERT INTO _tessera.model_state SELECT model, concat_ws('|', \(packed.joined(separator: ", ")))
                FROM _tessera.model_builds;
            DROP TABLE _tessera.model_builds;
            \(schema)
            COMMIT;
            """
    }
}
