import DuckDB
import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality
import TesseraSQL

/// How a domain sees another domain's product: a view `<domain>.<product>` in its own warehouse
/// over the current snapshot's Parquet files. Domains never open each other's database files, and
/// a view switches to a new snapshot only when the reader's next run refreshes it.
///
/// What the reader sees is `ReadPolicy`'s decision: every value in clear for the owning domain,
/// masked columns for any other reader (written by `MaskSQL`, the one place a mask's SQL is
/// written, shared with check samples). A refused reader gets no view at all.
public enum ProductViews {
    /// The statements that (re)create the view of `product` over `snapshotFolder`, as `decision`
    /// lets its reader see it.
    public static func sql(for product: Product, snapshotFolder: URL, decision: ReadDecision) -> String {
        sql(
            for: product, snapshotFolder: snapshotFolder, decision: decision, viewName: product.name,
            columns: product.contract.columns)
    }

    /// The view of `product` over its `current` snapshot, and one `<domain>.<product>__v<N>` view
    /// per snapshot in `earlier` (the newest of each previous major) that is not retired.
    static func sql(
        for product: Product, current: SnapshotRecord, earlier: [SnapshotRecord], decision: ReadDecision,
        layout: StateLayout
    ) -> String {
        var sql = sql(for: product, snapshotFolder: layout.snapshotFolder(of: current), decision: decision)
        for snapshot in earlier {
            guard let major = RetentionPolicy.major(of: snapshot.version), !product.retiredVersions.contains(major),
                let contract = snapshot.contract.flatMap({ try? ContractDocument(json: $0) })
            else { continue }
            sql +=
                "\n"
                + ProductViews.sql(
                    forMajor: major, of: product, snapshotFolder: layout.snapshotFolder(of: snapshot),
                    decision: decision, columns: contract.contractColumns)
        }
        return sql
    }

    /// The view `<domain>.<product>__v<major>` over the newest snapshot of an earlier major
    /// version. Its columns are the snapshot's own (`columns`, from the contract it was published
    /// with); the product's current masks apply to the columns that still carry them, and its pii
    /// columns, then or now, are masked.
    public static func sql(
        forMajor major: Int, of product: Product, snapshotFolder: URL, decision: ReadDecision,
        columns: [ContractColumn]
    ) -> String {
        sql(
            for: product, snapshotFolder: snapshotFolder, decision: decision,
            viewName: "\(product.name)\(Product.previousMajorSuffix)\(major)", columns: columns)
    }

    static func sql(
        for product: Product, snapshotFolder: URL, decision: ReadDecision, viewName: String,
        columns contractColumns: [ContractColumn]
    ) -> String {
        let masks = decision == .clear ? [] : ReadPolicy.masks(of: product, columns: contractColumns)
        let columns = contractColumns.map { column -> String in
            let name = SQL.qualified([column.name])
            // A type Parquet holds in another form (HUGEINT as DECIMAL(38,0)) is cast back, so
            // consumers see the contract's type; the others are read as they are.
            let value = SnapshotStorage(type: column.type).read(name)
            guard let mask = masks.first(where: { $0.column == column.name }) else {
                return value == name ? name : "\(value) AS \(name)"
            }
            return "\(MaskSQL.masked(value, mask.kind, type: column.type)) AS \(name)"
        }
        let files = SQL.literal(snapshotFolder.appendingPathComponent("*.parquet").path)
        return """
            CREATE SCHEMA IF NOT EXISTS \(SQL.qualified([product.domain]));
            CREATE OR REPLACE VIEW \(SQL.qualified([product.domain, viewName])) AS
            SELECT \(columns.joined(separator: ", ")) FROM read_parquet(\(files));
            """
    }
}
