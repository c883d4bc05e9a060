import DuckDB
import Foundation
import TesseraModel
import TesseraSQL

/// Writes a product's candidate snapshot: the model's (or source's) current table, exactly the
/// contract's columns in the contract's order (the select list of a `ContractProjection`, which
/// casts allowed widenings to the contract's types), as Parquet in a new immutable folder of the
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
    }

    public var layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    /// `select`: the expressions written, in order; `input`: the relation they read.
    public func write(_ product: Product, id: String, select: [String], from input: String, on connection: Connection) throws -> Written {
        let base = layout.productDirectory(domain: product.domain, product: product.name)
        let final = base.appendingPathComponent(id, isDirectory: true)
        let partial = base.appendingPathComponent(id + ".partial", isDirectory: true)
        let files = FileManager.default
        try? files.removeItem(at: partial)
        try files.createDirectory(at: partial, withIntermediateDirectories: true)

        let columns = select.joined(separator: ", ")
        let target = partial.appendingPathComponent("data.parquet").path
        let rows = try connection.execute("""
            COPY (SELECT \(columns) FROM \(input)) TO \(MacroValues.stringLiteral(target))
            (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)
            """)
        try files.moveItem(at: partial, to: final)
        let contents = (try? files.contentsOfDirectory(at: final, includingPropertiesForKeys: [.fileSizeKey])) ?? []
        let bytes = contents.reduce(Int64(0)) { total, url in
            total + Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        return Written(id: id, folder: final, rows: Int64(rows), bytes: bytes, files: contents.count)
    }
}
