import DuckDB
import Foundation
import PostgresWire
import TesseraModel

/// The postgres connector: a table or a query, streamed out of PostgreSQL with
/// `COPY (…) TO STDOUT (FORMAT csv)` into a file of the load's staging folder, which DuckDB then
/// reads with the column types PostgreSQL reported. Memory stays flat whatever the table's size,
/// and the rows pass through no Swift values: the bytes go from the socket to the file.
///
/// An incremental load pushes its cursor into the query (`WHERE cursor > last`), so PostgreSQL
/// sends only what is new. Blocking: runs on the load's GCD thread.
struct PostgresExtractor {
    var source: Source
    var connector: PostgresConnector
    var staging: URL
    /// The cursor's high-water mark from the last committed load, when the load is incremental.
    var lastCursor: String?

    func extract() throws -> Extraction {
        let url: PostgresURL
        do {
            url = try PostgresURL(connector.url.value)
        } catch let error as PostgresError {
            throw IngestError(.configuration, "the connector's url is not a valid PostgreSQL URL: \(error.reason)",
                              hint: "write it as postgres://user:password@host:port/database", location: source.location)
        }
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(url)
        } catch let error as PostgresError {
            throw IngestError(.extraction, "cannot read from PostgreSQL: \(error.message)",
                              hint: hint(for: error), location: source.location)
        }

        // The connection goes to the streamed copy once it starts; until then it is ours to close.
        var handedOver = false
        defer { if !handedOver { connection.close() } }

        let base: String
        switch connector.target {
        case .table(let table):
            do {
                base = "SELECT * FROM \(try PostgresSQL.quoteQualifiedName(table.value))"
            } catch let error as PostgresError {
                throw IngestError(.configuration, "table '\(table)': \(error.reason)", location: source.location)
            }
        case .query(let query):
            var body = Substring(query.value)
            while let last = body.last, last == ";" || last.isWhitespace { body = body.dropLast() }
            base = String(body)
        }
        var query = "SELECT * FROM (\(base)) AS tessera_source"
        var cursorApplied = false
        if source.load.mode == .incremental, let cursor = source.load.cursor, let lastCursor {
            query += " WHERE \(PostgresSQL.quoteIdentifier(cursor)) > \(PostgresSQL.quoteLiteral(lastCursor))"
            cursorApplied = true
        }

        do {
            // The columns and their types, without reading a row.
            let shape = try connection.simpleQuery("SELECT * FROM (\(query)) AS tessera_shape LIMIT 0")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let fifo = staging.appendingPathComponent("extract.csv")
            try PipeWriter.makeFIFO(at: fifo)
            let columns = shape.columns.map { ($0.name, Self.duckDBType(of: $0)) }
            let reader = """
                SELECT * FROM read_csv(\(SQLText.literal(fifo.path)), header=true, delim=',', quote='"', escape='"',
                    auto_detect=false, allow_quoted_nulls=false, columns=\(SQLText.structLiteral(columns)))
                """
            // The COPY streams into the pipe on its own thread while DuckDB's landing statement
            // reads the other end, so download and parsing overlap.
            let copy = PostgresSQL.copyToCSV(query: query)
            let stream = StreamedCopy(connection: connection, sql: copy, fifo: fifo)
            handedOver = true
            return Extraction(selectSQL: reader, inputs: 1, cursorApplied: cursorApplied, stream: stream)
        } catch let error as PostgresError {
            throw IngestError(.extraction, "cannot read from PostgreSQL: \(error.message)",
                              hint: hint(for: error), location: source.location)
        } catch let error as PipeWriter.Failure {
            throw IngestError(.environment, error.description, location: source.location)
        }
    }

    private func hint(for error: PostgresError) -> String? {
        switch error.kind {
        case .connectionRefused, .unknownHost, .timeout: return "check that the server is running and the url's host and port"
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
