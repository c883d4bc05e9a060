import DuckDB
import Foundation
import PostgresWire
import TesseraModel

/// The postgres connector: a table or a query, streamed out of PostgreSQL with
/// `COPY (…) TO STDOUT (FORMAT csv)` into a file of the load's staging folder, which DuckDB then
/// reads with the column types PostgreSQL reported. Memory stays flat whatever the table's size,
/// and the rows pass through no Swift values: the bytes go from the socket to the file.
///
/// Why a file and not a pipe DuckDB reads while the download runs: DuckDB parses a pipe on one
/// thread, a file on every core. Measured on W1b (1M rows, 2 cores), download and landing
/// overlapped through a named pipe took 1.8–2.0 s; the download to a file (~1.0 s, PostgreSQL's
/// own pace) followed by a parallel landing (~0.6 s) takes less. The file is gone with the load's
/// staging folder.
///
/// An incremental load pushes its cursor into the query (`WHERE cursor >= last`), so PostgreSQL
/// sends only what is new and the rows at the last mark, which the load compares with what it
/// already holds (``CursorBoundary``). Blocking: runs on the load's GCD thread.
struct PostgresExtractor {
    var source: Source
    var connector: PostgresConnector
    var staging: URL
    /// The cursor's high-water mark from the last committed load, when the load is incremental.
    var lastCursor: String?

    func extract() throws -> Extraction {
        // What the server and the URL parser say may echo the URL's parts: it goes through the
        // shared redaction before it reaches a message.
        let redactor = SecretRedactor([connector.url])
        let connection = try connect(redactor: redactor)
        defer { connection.close() }
        let (base, quotedTable) = try baseQuery()
        var query = "SELECT * FROM (\(base)) AS tessera_source"
        var cursorApplied = false
        if source.load.mode == .incremental, let cursor = source.load.cursor, let lastCursor {
            // At or past the mark: a row committed after the last load may carry exactly its
            // maximum. The rows at the mark that were loaded already are dropped after landing.
            query += " WHERE \(PostgresSQL.quoteIdentifier(cursor)) >= \(PostgresSQL.quoteLiteral(lastCursor))"
            cursorApplied = true
        }
        do {
            return try copy(query, quotedTable: quotedTable, cursorApplied: cursorApplied, on: connection)
        } catch let error as PostgresError {
            throw failure(error, redactor: redactor)
        }
    }

    /// A connection to the connector's URL; a URL that does not parse is the project's mistake.
    private func connect(redactor: SecretRedactor) throws -> PostgresConnection {
        let url: PostgresURL
        do {
            url = try PostgresURL(connector.url.value)
        } catch let error as PostgresError {
            throw IngestError(
                .configuration,
                "the connector's url is not a valid PostgreSQL URL: \(redactor.redact(error.reason))",
                hint: "write it as postgres://user:password@host:port/database", location: source.location)
        }
        do {
            return try PostgresConnection.connect(url)
        } catch let error as PostgresError {
            throw failure(error, redactor: redactor)
        }
    }

    /// The query that reads the source (its table's rows, or its query without a trailing `;`),
    /// and the table's quoted name when it is a table.
    private func baseQuery() throws -> (query: String, quotedTable: String?) {
        switch connector.target {
        case .table(let table):
            do {
                let quoted = try PostgresSQL.quoteQualifiedName(table.value)
                return ("SELECT * FROM \(quoted)", quoted)
            } catch let error as PostgresError {
                throw IngestError(.configuration, "table '\(table)': \(error.reason)", location: source.location)
            }
        case .query(let query):
            var body = Substring(query.value)
            while let last = body.last, last == ";" || last.isWhitespace { body = body.dropLast() }
            return (String(body), nil)
        }
    }

    /// Copies `query`'s rows into the staging folder's CSV file and says how DuckDB reads it back.
    private func copy(_ query: String, quotedTable: String?, cursorApplied: Bool, on connection: PostgresConnection)
        throws -> Extraction
    {
        // One snapshot for the shape, the unique keys and the COPY: what the catalog says is
        // unique is unique in exactly the rows copied. (Read-only; closing the connection
        // after the COPY ends the transaction.)
        _ = try connection.simpleQuery("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        // The columns and their types, without reading a row.
        let shape = try connection.simpleQuery("SELECT * FROM (\(query)) AS tessera_shape LIMIT 0")
        let uniqueKeys =
            try quotedTable.map { try Self.uniqueKeys(of: $0, columns: shape.columns, on: connection) } ?? []
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let file = staging.appendingPathComponent("extract.csv")
        _ = try connection.copyOut(PostgresSQL.copyToCSV(query: query), toFile: file)
        let columns = shape.columns.map { ($0.name, Self.duckDBType(of: $0)) }
        let reader = """
            SELECT * FROM read_csv(\(SQL.literal(file.path)), header=true, delim=',', quote='"', escape='"',
                auto_detect=false, allow_quoted_nulls=false, columns=\(SQL.structLiteral(columns)))
            """
        return Extraction(selectSQL: reader, inputs: 1, cursorApplied: cursorApplied, uniqueKeys: uniqueKeys)
    }

    private func failure(_ error: PostgresError, redactor: SecretRedactor) -> IngestError {
        IngestError(
            .extraction, "cannot read from PostgreSQL: \(redactor.redact(error.message))",
            hint: hint(for: error).map { redactor.redact($0) }, location: source.location)
    }

    /// The column sets a unique index of the table (its primary key or a unique constraint)
    /// guarantees unique, so that the load can skip deduplicating by a key that includes one.
    /// Only plain indexes count (no expression, no predicate, valid), only on a table whose
    /// `SELECT *` reads no inheritance children (a partitioned table's unique index covers every
    /// partition), and only over columns whose CSV text DuckDB reads back to distinct values
    /// (integers, numeric, text, uuid, dates and timestamps; not floats, not unknown types).
    static func uniqueKeys(of quotedTable: String, columns: [PostgresColumn], on connection: PostgresConnection) throws
        -> [[String]]
    {
        let exactTypes: Set<String> = [
            "int2", "int4", "int8", "numeric", "text", "varchar", "uuid", "date", "timestamp", "timestamptz", "bool",
        ]
        let exact = Set(columns.filter { exactTypes.contains($0.typeName ?? "") }.map(\.name))
        let result = try connection.simpleQuery(
            """
            SELECT i.indexrelid::text, a.attname::text
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
            CROSS JOIN LATERAL generate_series(0, i.indnkeyatts - 1) AS k
            JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
            WHERE i.indrelid = to_regclass(\(PostgresSQL.quoteLiteral(quotedTable)))
              AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
              AND (c.relkind = 'p' OR (c.relkind = 'r' AND NOT EXISTS (
                   SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhparent = c.oid)))
            ORDER BY i.indexrelid, k
            """)
        var keys: [String: [String]] = [:]
        var valid: [String: Bool] = [:]
        for row in result.rows {
            guard row.count == 2, let index = row[0], let column = row[1] else { continue }
            keys[index, default: []].append(column)
            valid[index] = (valid[index] ?? true) && exact.contains(column)
        }
        return keys.filter { valid[$0.key] == true }.map(\.value)
    }

    private func hint(for error: PostgresError) -> String? {
        switch error.kind {
        case .connectionRefused, .unknownHost, .timeout:
            return "check that the server is running and the url's host and port"
        case .authenticationFailed: return "check the user and password in the connector's url"
        case .tlsNotSupported: return "use sslmode=disable (TLS is not supported yet)"
        default: return error.serverError?.hint
        }
    }

    /// How DuckDB reads each PostgreSQL type from its CSV text. Anything without an exact
    /// counterpart is read as VARCHAR, so no value is ever altered.
    static func duckDBType(of column: PostgresColumn) -> String {
        switch column.typeName ?? "" {
        case "bool": return "BOOLEAN"
        case "int2": return "SMALLINT"
        case "int4": return "INTEGER"
        case "int8": return "BIGINT"
        case "float4": return "FLOAT"
        case "float8": return "DOUBLE"
        case "numeric":
            // The type modifier holds precision and scale: ((p << 16) | s) + 4; -1 when unconstrained.
            let modifier = Int(column.typeModifier)
            guard modifier >= 4 else { return "VARCHAR" }
            let precision = ((modifier - 4) >> 16) & 0xFFFF, scale = (modifier - 4) & 0xFFFF
            return precision <= 38 ? "DECIMAL(\(precision),\(scale))" : "VARCHAR"
        case "date": return "DATE"
        case "time": return "TIME"
        case "timestamp": return "TIMESTAMP"
        case "timestamptz": return "TIMESTAMPTZ"
        case "interval": return "INTERVAL"
        case "uuid": return "UUID"
        case "json", "jsonb": return "JSON"
        default: return "VARCHAR"
        }
    }
}
