internal import GRDB

extension SnapshotRecord {
    static let selectColumns = """
        id, product, version, created_at, row_count, byte_count, file_count, path, run_id, \
        status, reason, fingerprint, upstream_version, contract
        """

    init(row: Row) throws {
        self.init(
            product: try row.decode(forColumn: "product"),
            id: try row.decode(forColumn: "id"),
            version: try row.decode(forColumn: "version"),
            createdAt: try row.decode(forColumn: "created_at"),
            rows: try row.decode(forColumn: "row_count"),
            bytes: try row.decode(forColumn: "byte_count"),
            files: try row.decode(forColumn: "file_count"),
            path: try row.decode(forColumn: "path"),
            runID: try row.decode(forColumn: "run_id"),
            status: try row.decodeEnum(SnapshotStatus.self, "status", table: "snapshot"),
            reason: try row.decode(forColumn: "reason"),
            fingerprint: try row.decode(forColumn: "fingerprint"),
            upstreamVersion: try row.decode(forColumn: "upstream_version"),
            contract: try row.decode(forColumn: "contract"))
    }
}
