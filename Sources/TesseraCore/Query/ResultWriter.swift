import DuckDB
import Foundation

/// Writes a query's result as CSV or JSON to any byte sink (standard output, a file, a socket, an
/// HTTP response), chunk by chunk as DuckDB produces it: memory stays flat however large the
/// result, and the sink is written in order, so `>> file` appends and pipes work.
///
/// DuckDB renders each value as text (CSV) or each row as a JSON object (JSON): the writer only
/// quotes CSV fields and copies bytes.
struct ResultWriter {
    enum Format: Sendable { case csv, json }

    var format: Format
    /// Receives the output in pieces of up to `bufferSize` bytes.
    var sink: (Data) throws -> Void
    var bufferSize = 1 << 16

    /// The statement that renders `body`'s rows in this format: every column as VARCHAR for CSV,
    /// one JSON object per row for JSON.
    func renderingSQL(_ body: String) -> String {
        switch format {
        case .csv: "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (\(body))"
        case .json: "SELECT CAST(to_json(_tessera_row) AS VARCHAR) FROM (\(body)) AS _tessera_row"
        }
    }

    /// Writes every row of `stream` (a `renderingSQL` result); returns the number of rows.
    func write(_ stream: ResultStream) throws -> Int {
        var buffer = Data()
        buffer.reserveCapacity(bufferSize + 4096)
        func flushIfFull() throws {
            if buffer.count >= bufferSize { try sink(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        var rows = 0
        switch format {
        case .csv: buffer.append(contentsOf: Self.csvLine(stream.columnNames.map { Optional($0) }).utf8)
        case .json: buffer.append(contentsOf: "[".utf8)
        }
        while let chunk = try stream.nextChunk() {
            let columns = try (0..<chunk.columnCount).map { try chunk.stringColumn($0) }
            for row in 0..<chunk.count {
                switch format {
                case .csv:
                    buffer.append(contentsOf: Self.csvLine(columns.map { $0[row] }).utf8)
                case .json:
                    buffer.append(contentsOf: (rows == 0 ? "\n" : ",\n").utf8)
                    buffer.append(contentsOf: (columns[0][row] ?? "null").utf8)
                }
                rows += 1
                try flushIfFull()
            }
        }
        if format == .json { buffer.append(contentsOf: (rows == 0 ? "]\n" : "\n]\n").utf8) }
        if !buffer.isEmpty { try sink(buffer) }
        return rows
    }

    /// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; NULL
    /// is an empty field.
    static func csvLine(_ fields: [String?]) -> String {
        fields.map { field -> String in
            guard let field else { return "" }
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }
}
