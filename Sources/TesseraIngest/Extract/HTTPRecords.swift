import DuckDB
import Foundation
import TesseraModel

/// Turns the pages an HTTP extract wrote (each response body, byte for byte) into a batch of
/// records, with DuckDB doing the JSON work: the record arrays are found with the `records`
/// JSON pointer, their merged structure is inferred over every record, and each record becomes a
/// row. No record passes through Swift.
struct HTTPRecords {
    var pages: [URL]
    /// RFC 6901 pointer to the record array; empty means the page itself is the array.
    var pointer: String
    var source: Source

    func extraction(on connection: Connection) throws -> Extraction {
        let files = SQL.list(pages.map(\.path))
        let path = pointer.isEmpty ? "$" : pointer
        let records = """
            (SELECT unnest(json_extract(json, \(SQL.literal(path)))::JSON[]) AS record FROM read_json_objects(\(files), format='auto'))
            """
        let structure: String
        do {
            guard
                case .varchar(let inferred)? = try connection.scalar(
                    "SELECT json_group_structure(record) FROM \(records)")
            else {
                throw IngestError(.data, "the pages have no records at '\(pointer)'", location: source.location)
            }
            structure = inferred
        } catch let error as DuckDBError {
            throw IngestError(
                .data, "cannot read the records of the fetched pages: \(DuckDBMessage.summary(error.message))",
                hint: "check the connector's records pointer", location: source.location)
        }
        // DuckDB's inferred types are kept (a declared schema casts them): JSON integers with no
        // negative value come out UBIGINT, which also holds ids beyond BIGINT's range.
        return Extraction(
            selectSQL: "SELECT unnest(json_transform(record, \(SQL.literal(structure)))) FROM \(records)",
            inputs: pages.count)
    }
}
