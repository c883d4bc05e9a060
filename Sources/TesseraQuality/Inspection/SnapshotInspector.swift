import DuckDB
import Foundation
import TesseraModel

/// Verifies one snapshot of a product: its contract, its checks and (when publishing) its
/// profile, all in one scan of its rows. Drift is computed from the profiles alone.
///
/// Used on a candidate by publishing and on the current snapshot by `tessera check`.
public struct SnapshotInspector: Sendable {
    public var product: Product
    /// The snapshot's folder of Parquet files.
    public var folder: URL
    public var now: Date
    /// Rows of the snapshot before this one, for `row_count_change`.
    public var previousRowCount: Int64?
    /// The relation each `relationship` target reads: another product's current snapshot, as SQL.
    public var relationships: [ColumnReference: String]
    public var profile: Bool
    /// The snapshot's row count when known: large snapshots get their quantiles from a sample.
    public var rows: Int64? = nil
    /// When publishing: the table the candidate was just written from, in the warehouse that
    /// wrote it. Its rows are the candidate's rows — nothing else writes that table while the
    /// run holds the warehouse — so the checks and the profile read them there, without decoding
    /// the Parquet again (a third of the scan's time); the contract's names and types are still
    /// read from the written files.
    public var source: SourceTable? = nil
    /// When publishing: what the Parquet writer measured of the candidate's columns.
    public var written: WrittenStatistics? = nil

    public struct SourceTable: Sendable {
        /// The expressions the snapshot was written with, e.g. `"id", CAST("amount" AS DOUBLE) AS "amount"`.
        public var selectList: String
        public var table: String
        /// False when a column of the table named `rowid` hides DuckDB's row id.
        public var hasRowID: Bool

        public var relation: String { "(SELECT \(selectList) FROM \(table))" }

        public init(selectList: String, table: String, hasRowID: Bool) {
            self.selectList = selectList
            self.table = table
            self.hasRowID = hasRowID
        }
    }

    public struct Outcome: Sendable {
        public var contract: ContractReport
        public var checks: [CheckResult]
        public var profile: Profile?
    }

    public init(
        product: Product, folder: URL, now: Date, previousRowCount: Int64?, relationships: [ColumnReference: String],
        profile: Bool, rows: Int64? = nil, source: SourceTable? = nil, written: WrittenStatistics? = nil
    ) {
        self.product = product
        self.folder = folder
        self.now = now
        self.previousRowCount = previousRowCount
        self.relationships = relationships
        self.profile = profile
        self.rows = rows
        self.source = source
        self.written = written
    }

    /// Columns whose values a profile must not show: `pii` or masked.
    var sensitiveColumns: Set<String> {
        Set(
            product.contract.columns.filter {
                $0.effectiveClassification == .pii
            }.map(\.name) + ReadPolicy.masks(of: product).map(\.column))
    }

    public static func relation(of folder: URL) -> String {
        "read_parquet(\(SQL.literal(folder.appendingPathComponent("*.parquet").path)))"
    }

    /// The rows scanned, numbered: the source table's `rowid`, or the row numbers of the
    /// snapshot's one Parquet file (a folder of several, a hidden `rowid`, or a contract column
    /// of the numbers' name gets none: samples are then carried through the scan whole).
    func numberedRows() -> AggregateScan.NumberedRows? {
        if let source {
            let column = "_tessera_row"
            guard source.hasRowID, !product.contract.columns.contains(where: { $0.name == column }) else { return nil }
            return AggregateScan.NumberedRows(
                relation: "(SELECT \(source.selectList), rowid AS \(column) FROM \(source.table))",
                column: column)
        }
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".parquet") }
            ?? []
        guard files.count == 1, !product.contract.columns.contains(where: { $0.name == "file_row_number" }) else {
            return nil
        }
        let file = SQL.literal(folder.appendingPathComponent(files[0]).path)
        let relation = SnapshotStorage.relation(
            files: "read_parquet(\(file), file_row_number = true)", columns: contractColumns)
        return AggregateScan.NumberedRows(relation: relation, column: "file_row_number")
    }

    /// The contract's columns and types, as readers of the snapshot's files cast them back.
    var contractColumns: [(name: String, type: String)] {
        product.contract.columns.map { ($0.name, $0.type) }
    }

    public func inspect(on connection: Connection) throws -> Outcome {
        let files = Self.relation(of: folder)
        // The files' own schema is the contract verifier's; the checks read the contract's types.
        let rowsRead = source?.relation ?? SnapshotStorage.relation(files: files, columns: contractColumns)
        var profiler =
            profile
            ? ProfilePlan(
                columns: product.contract.columns.map { (name: $0.name, type: $0.type) }, sensitive: sensitiveColumns,
                written: written, expectedRowCount: rows)
            : nil
        var scan = AggregateScan(relation: rowsRead, numbered: numberedRows())
        var verifier = ContractVerifier(contract: product.contract)
        try verifier.contribute(to: &scan, schemaOf: files, on: connection)
        let context = CheckContext(
            product: product, now: now, previousRowCount: previousRowCount, relations: relationships)
        var checks = CheckPlan(checks: product.checks, context: context)
        checks.contribute(to: &scan, on: connection)
        profiler?.contribute(to: &scan)

        let row = try scan.run(on: connection)
        return Outcome(
            contract: try verifier.finish(scan: row, connection: connection),
            checks: try checks.finish(scan: row, connection: connection),
            profile: try profiler.map { try $0.finish(scan: row, connection: connection) }
        )
    }
}
