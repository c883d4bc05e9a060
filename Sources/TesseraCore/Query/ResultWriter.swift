import DuckDB
import Foundation

/// Writes a query's result as CSV, JSON or JSON lines to any byte sink (standard output, a file, a socket, an
/// HTTP response) as it is produced: memory stays flat however large the result, and the sink is
/// written in order, so `>> file` appends and pipes work.
///
/// DuckDB's own writer does the work — `COPY (query) TO` a `ResultPipe` — so the text is exactly
/// what DuckDB writes (RFC 4180 CSV with a header, NULL as an empty field and an empty text as
/// `""`; a JSON array of objects), formatted in parallel at the engine's speed. Tessera only
/// forwards the bytes: no value becomes a Swift value.
struct ResultWriter {
    var format: Queries.Format
    /// Receives the output in pieces of up to 64 KiB.
    var sink: @Sendable (Data) throws -> Void

    /// Runs `body` (one SELECT, already checked to be one) on `connection` and writes every row;
    /// returns the number of rows.
    func write(_ body: String, on connection: Connection) throws -> Int {
        let pipe = try ResultPipe(in: Sandbox.privateScratchDirectory(), forwardingTo: sink)
        let rows: Int
        do {
            rows = try connection.execute(copySQL(body, to: pipe.path))
        } catch {
            try? pipe.finish()
            throw error
        }
        try pipe.finish()
        return rows
    }

    /// The statement that writes `body`'s rows to `path`. The body goes on lines of its own so a
    /// trailing `-- comment` in it cannot swallow the closing parenthesis. `USE_TMP_FILE false`:
    /// DuckDB would otherwise write beside the pipe and rename over it.
    func copySQL(_ body: String, to path: String) -> String {
        let options =
            switch format {
            case .csv: "FORMAT csv, HEADER true"
            case .json: "FORMAT json, ARRAY true"
            case .jsonLines: "FORMAT json, ARRAY false"
            }
        return "COPY (\n\(body)\n) TO \(SQL.literal(path)) (\(options), USE_TMP_FILE false)"
    }
}
