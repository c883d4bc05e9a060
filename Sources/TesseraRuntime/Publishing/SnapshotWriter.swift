import DuckDB
import Foundation
import TesseraModel
import TesseraQuality
import TesseraSQL

/// Writes a product's candidate snapshot: the model's (or source's) current table, exactly the
/// contract's columns in the contract's order (the stored list of a `ContractProjection`, which
/// casts allowed widenings to the contract's types, and a type Parquet has no exact form for to
/// the form a snapshot stores it in, `SnapshotStorage`), as Parquet in a new immutable folder of the
/// domain's lake. The folder appears under its final name only when complete (written as
/// `<id>.partial`, then renamed), so a reader never sees half a snapshot.
///
/// Making it *current* is the catalog's job (one transaction), after the contract and checks.
public struct SnapshotWriter: Sendable {
    public struct Written: Sendable, Hashable {
        public var id: String
        public var folder: URL
        public var rows: Int64
        public var bytes: Int64
        public var files: Int
        /// What the writer measured of each column (NULLs, min, max): the profile's, unscanned.
        public var statistics: WrittenStatistics
    }

    public var layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    /// `select`: the expressions written, in order; `input`: the relation they read.
    public func write(_ product: Product, id: String, select: [String], from input: String, on connection: Connection)
        throws -> Written
    {
        let base = layout.productDirectory(domain: product.domain, product: product.name)
        let final = base.appendingPathComponent(id, isDirectory: true)
        let partial = base.appendingPathComponent(id + ".partial", isDirectory: true)
        let files = FileManager.default
        try? files.removeItem(at: partial)
        try files.createDirectory(at: partial, withIntermediateDirectories: true)

        let columns = select.joined(separator: ", ")
        let target = partial.appendingPathComponent("data.parquet").path
        // RETURN_STATS: one row per file written, with its row count (column 1) and per column
        // the NULL count, min and max the writer computed for the footer (column 4). Only those
        // two columns are read: another is a VARIANT, which the wrapper does not decode.
        let stream = try connection.query(
            """
            COPY (SELECT \(columns) FROM \(input)) TO \(SQL.literal(target))
            (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, RETURN_STATS)
            """)
        let chunk = try stream.nextChunk()
        let counts = try chunk?.values(column: 1) ?? [], statistics = try chunk?.values(column: 4) ?? []
        _ = try stream.drain()
        guard counts.count == 1, statistics.count == 1, let rows = counts[0].int64Value else {
            throw DuckDBError(
                kind: .internal, message: "COPY … RETURN_STATS reported \(counts.count) files; one was expected")
        }
        try files.moveItem(at: partial, to: final)
        let contents = (try? files.contentsOfDirectory(at: final, includingPropertiesForKeys: [.fileSizeKey])) ?? []
        let bytes = contents.reduce(Int64(0)) { total, url in
            total + Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        return Written(
            id: id, folder: final, rows: rows, bytes: bytes, files: contents.count,
            statistics: WrittenStatistics(columnStatistics: statistics[0]))
    }
}
