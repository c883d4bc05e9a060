import DuckDB
import Foundation
import Synchronization
import Testing

@testable import TesseraCore

/// `query --format csv|json` writes what DuckDB renders, byte for byte: the CSV must read back as
/// the same table DuckDB's own CSV writer would give, whatever the types and characters.
@Suite struct ResultWriterTests {
    static func write(_ sql: String, _ format: Queries.Format, on connection: Connection) throws -> String {
        let output = Output()
        _ = try ResultWriter(format: format, sink: { output.append($0) }).write(sql, on: connection)
        return output.text
    }

    /// What the sink received (it is called from the pipe's thread).
    final class Output: Sendable {
        private let data = Mutex(Data())
        func append(_ piece: Data) { data.withLock { $0.append(piece) } }
        var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
    }

    static let mixed = """
        SELECT * FROM (VALUES
          (1, 'plain', 2.5::DOUBLE, 12.30::DECIMAL(10,2), DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05.5',
           true, [1, 2], {'a': 1, 'b': 'x,y'}, 'quote " inside', 'two' || chr(10) || 'lines', NULL::VARCHAR,
           INTERVAL 3 DAY, '00000000-0000-0000-0000-000000000001'::UUID),
          (NULL, 'comma, here', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'cr' || chr(13), '', 'x', NULL, NULL)
        ) t(id, text, d, amount, day, moment, flag, list, record, quoted, lines, nothing, span, key)
        """

    @Test func csvReadsBackAsTheSameTable() throws {
        let connection = try Connection(Database())
        let csv = try Self.write(Self.mixed, .csv, on: connection)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("result-writer-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        // Every column read back as text must equal the value cast to text (NULL read as NULL).
        let differences = try connection.scalar(
            """
            SELECT count(*) FROM (
              SELECT * FROM read_csv(\(SQL.literal(file.path)), header = true, all_varchar = true, quote = '"',
                escape = '"', new_line = '\\n', allow_quoted_nulls = false)
              EXCEPT ALL
              SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (\(Self.mixed)))
            """)
        #expect(differences == .bigint(0), "\(csv)")
        #expect(csv.hasPrefix("id,text,d,amount,day,moment,flag,list,record,quoted,lines,nothing,span,key\n"))
        #expect(csv.contains(",\"comma, here\","), "\(csv)")
        #expect(csv.contains("\"quote \"\" inside\""), "\(csv)")
        #expect(csv.contains("\"[1, 2]\""), "\(csv)")
    }

    @Test func duplicateAndOddColumnNamesAndNoRows() throws {
        let connection = try Connection(Database())
        // Duplicate names get DuckDB's suffix, as in DuckDB's own CSV; odd ones are quoted.
        #expect(try Self.write("SELECT 1 AS a, 2 AS a, 3 AS \"x,y\"", .csv, on: connection) == "a,a_1,\"x,y\"\n1,2,3\n")
        #expect(try Self.write("SELECT 1 AS a WHERE false", .csv, on: connection) == "a\n")
        let empty = try Self.write("SELECT 1 AS a WHERE false", .json, on: connection)
        #expect(try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [Any] != nil, "\(empty)")
        #expect(
            try Self.write("SELECT range AS n, 'x\"' AS t FROM range(2)", .json, on: connection)
                == "[\n\t{\"n\":0,\"t\":\"x\\\"\"},\n\t{\"n\":1,\"t\":\"x\\\"\"}\n]\n")
        // A trailing comment in the user's SQL does not swallow the statement around it.
        #expect(try Self.write("SELECT 1 AS a -- the answer", .csv, on: connection) == "a\n1\n")
    }

    /// Many chunks, through the pipe in many pieces: every row arrives once, in order.
    @Test func largeResultsArriveWholeAndInOrder() throws {
        let connection = try Connection(Database())
        let csv = try Self.write("SELECT range AS n FROM range(100000) ORDER BY n", .csv, on: connection)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 100_001)
        #expect(lines.dropFirst().enumerated().allSatisfy { index, line in line == "\(index)" })
    }
}
