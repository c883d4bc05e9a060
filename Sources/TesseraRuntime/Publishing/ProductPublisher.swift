import DuckDB
import Foundation
import TesseraCatalog
import TesseraIngest
import TesseraModel
import TesseraQuality
import TesseraSQL
import TesseraTransform
import TesseraWarehouse

/// Publishes one product, atomically (docs/products.md):
///
/// 1. the input's columns are matched to the contract (allowed widenings cast, anything else
///    refused before a byte is written);
/// 2. the candidate is written as a new immutable snapshot folder and recorded as `candidate`;
/// 3. one scan verifies the contract, runs the checks and profiles it (reading the rows it was
///    written from, still in the warehouse; the written files' schema); drift is computed
///    against the current snapshot's profile; all of it is recorded;
/// 4. only if nothing blocks does the catalog switch the current pointer, in one transaction;
///    otherwise the candidate is quarantined with the reasons, kept for inspection, and the
///    previous snapshot stays current;
/// 5. snapshots past the retention are collected.
///
/// A process killed between any two steps leaves the previous snapshot current: the pointer
/// switch is the only step readers see, and the leftovers (a candidate row, a folder without a
/// row, a `.partial` folder) are collected by a later run.
struct ProductPublisher {
    var product: Product
    var runID: String
    var layout: StateLayout
    var catalog: any CatalogStore
    var now: Date
    var upstreamVersion: Int64
    /// Snapshots published earlier in the same run, by product: relationship targets.
    var published: [String: SnapshotRecord] = [:]

    struct Published {
        var report: QualityReport
        var snapshot: SnapshotRecord
        /// Problems that did not stop the publish (retention refusing to delete a folder).
        var warnings: [String] = []
    }

    /// DuckDB's work (the write, the scan) runs off the cooperative pool, each stage on its own
    /// connection to the domain's warehouse; the catalog steps between them are async.
    func publish(from warehouse: Warehouse) async throws -> Published {
        // What the checks compare with and read besides the candidate, leased until done.
        let previous = try await catalog.currentSnapshot(product: product.qualifiedName)
        let relationships = try await RelationshipTargets.resolve(
            product.checks, excluding: product.qualifiedName,
            published: published, catalog: catalog, layout: layout)
        let lease = try await catalog.beginReading(
            snapshotIDs: [previous?.id].compactMap { $0 } + relationships.snapshotIDs)
        defer { Task { [catalog] in try? await catalog.endReading(lease) } }

        // 1. The shape: a contract the input cannot meet fails here, with nothing written.
        // 2. The candidate.
        let (written, writtenFrom) = try await writeCandidate(in: warehouse)
        CrashPoint.written.reach()
        var snapshot = try await recordCandidate(written)
        CrashPoint.recorded.reach()

        // 3. Contract, checks, profile: one scan of the candidate; drift from the profiles.
        let inspector = SnapshotInspector(
            product: product, folder: written.folder, now: now,
            previousRowCount: previous?.rows, relationships: relationships.relations, profile: true,
            rows: written.rows, source: writtenFrom, written: written.statistics)
        let outcome = try await AsyncConnection(warehouse.database, label: "tessera.inspect").run {
            try inspector.inspect(on: $0)
        }
        let drift = try await self.drift(of: outcome.profile, since: previous)
        try await record(outcome, drift: drift, snapshot: snapshot, previous: previous)
        CrashPoint.checked.reach()

        // 4. The switch, or quarantine.
        let report = try await publishOrQuarantine(
            &snapshot,
            report: QualityReport(
                product: product.qualifiedName, snapshot: snapshot.id, rows: written.rows,
                contract: outcome.contract, checks: outcome.checks, drift: drift))
        CrashPoint.switched.reach()

        // 5. Retention.
        // A failure to collect is not a failure to publish: the next publish collects again.
        let collected = try? await SnapshotCollector(catalog: catalog, layout: layout).collect(product, now: now)
        return Published(report: report, snapshot: snapshot, warnings: collected?.refused ?? [])
    }

    /// Where the product's rows come from: its model's table or its source's.
    private var inputTable: (schema: String, table: String) {
        switch product.input {
        case .model(let name): ("main", name)
        case .source(let name): ("src", name)
        }
    }

    /// Projects the input onto the contract and writes the candidate's files, on a connection of
    /// its own queue (cancelling the run interrupts the statement). Also says where the checks may
    /// read the same rows faster than from the files: the input table, when it is one.
    private func writeCandidate(in warehouse: Warehouse) async throws
        -> (SnapshotWriter.Written, SnapshotInspector.SourceTable?)
    {
        let product = self.product, layout = self.layout, runID = self.runID
        let (schema, table) = inputTable
        let input = SQL.qualified([schema, table])
        return try await AsyncConnection(warehouse.database, label: "tessera.publish").run {
            connection throws -> (SnapshotWriter.Written, SnapshotInspector.SourceTable?) in
            let columns = try ContractProjection.describe(input, connection: connection)
            let projection = try ContractProjection(input: columns, contract: product.contract, connection: connection)
            guard projection.violations.isEmpty else {
                throw PublishError(contract: projection.violations.map(\.message))
            }
            let written: SnapshotWriter.Written
            do {
                written = try SnapshotWriter(layout: layout).write(
                    product, id: runID, select: projection.storedList, from: input,
                    on: connection)
            } catch let error as DuckDBError where !projection.digitLimited.isEmpty {
                throw PublishError.digits(projection.digitLimited, input: input, error: error, on: connection)
            }
            // A table holds still until the run ends; a view (a `view` model) is a query that
            // would run again and could answer differently: its rows are read from the files.
            let isTable =
                try connection.scalar(
                    "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ? AND table_name = ?",
                    .varchar(schema), .varchar(table)
                )?.int64Value == 1
            let source = SnapshotInspector.SourceTable(
                selectList: projection.selectList.joined(separator: ", "), table: input,
                hasRowID: !columns.contains { $0.name.lowercased() == "rowid" })
            return (written, isTable ? source : nil)
        }
    }

    /// The candidate in the catalog, pending until checked.
    private func recordCandidate(_ written: SnapshotWriter.Written) async throws -> SnapshotRecord {
        // The catalog keeps milliseconds: the version downstream nodes record must be the one it will read back.
        let createdAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        let snapshot = SnapshotRecord(
            product: product.qualifiedName, id: "\(product.qualifiedName)@\(runID)",
            version: product.version.description, createdAt: createdAt,
            rows: written.rows, bytes: written.bytes, files: written.files,
            path: layout.recordedPath(ofSnapshot: product.qualifiedName, folder: written.folder), runID: runID,
            fingerprint: Planner.fingerprint(of: product), upstreamVersion: upstreamVersion,
            contract: ContractDocument(product: product).json
        )
        try await catalog.addSnapshot(snapshot)
        return snapshot
    }

    /// How the candidate's profile moved since the current snapshot's, when both have one.
    private func drift(of profile: Profile?, since previous: SnapshotRecord?) async throws -> DriftReport? {
        guard let previous, let profile, let earlier = try await catalog.profile(snapshotID: previous.id),
            let earlierProfile = try? Profile(json: earlier)
        else { return nil }
        return DriftDetector(settings: product.drift).compare(previous: earlierProfile, current: profile)
    }

    /// Makes the candidate current when its report passes, else quarantines it with the reason.
    private func publishOrQuarantine(_ snapshot: inout SnapshotRecord, report: QualityReport) async throws
        -> QualityReport
    {
        var report = report
        if report.passed {
            try await catalog.publish(snapshotID: snapshot.id, product: product.qualifiedName)
            snapshot.status = .current
            report.published = true
        } else {
            let reason = report.blockedBy.joined(separator: "; ")
            try await catalog.quarantine(snapshotID: snapshot.id, reason: reason)
            snapshot.status = .quarantined
            snapshot.reason = reason
            report.published = false
        }
        return report
    }

    private func record(
        _ outcome: SnapshotInspector.Outcome, drift: DriftReport?, snapshot: SnapshotRecord,
        previous: SnapshotRecord?
    ) async throws {
        try await catalog.recordChecks(
            outcome.checks.map {
                CheckRunRecord(
                    result: $0, snapshotID: snapshot.id, product: product.qualifiedName, runID: runID, checkedAt: now)
            })
        if let profile = outcome.profile {
            try await catalog.recordProfile(snapshotID: snapshot.id, json: profile.json)
        }
        if let drift, let previous {
            try await catalog.recordDrift(
                snapshotID: snapshot.id, againstSnapshotID: previous.id, json: drift.json,
                exceeded: drift.exceeded)
        }
    }
}

/// The input cannot be published under the contract: nothing was written.
struct PublishError: Error, CustomStringConvertible {
    var contract: [String]
    var description: String {
        "the contract cannot be met:\n" + contract.map { "  - \($0)" }.joined(separator: "\n")
    }

    /// The write failed on a contract with `HUGEINT`/`UHUGEINT` columns, stored as
    /// `DECIMAL(38,0)`: names the columns holding a value of more than 38 digits, which no
    /// snapshot stores exactly. Any other failure is passed on as it was.
    static func digits(
        _ columns: [(name: String, type: String)], input: String, error: DuckDBError,
        on connection: Connection
    ) -> any Error {
        let limit = SnapshotStorage.digitLimit
        let beyond = columns.filter { column in
            let name = SQL.qualified([column.name])
            // A nested column (a list of HUGEINT) is named whenever the write failed.
            guard SnapshotStorage.hugeIntegers.contains(column.type) else { return true }
            let rows = try? connection.rows(
                "SELECT count(*) FROM \(input) WHERE \(name) IS NOT NULL AND TRY_CAST(\(name) AS DECIMAL(\(limit),0)) IS NULL"
            )
            return (rows?.first?.first?.int64Value ?? 0) > 0
        }
        guard !beyond.isEmpty, error.message.contains("DECIMAL(\(limit)") else { return error }
        return PublishError(
            contract: beyond.map {
                "\($0.name) (\($0.type)) holds a value of more than \(limit) digits: a snapshot stores \($0.type) exactly "
                    + "as DECIMAL(\(limit),0), which holds up to \(limit) digits; publish it as VARCHAR "
                    + "(CAST(\($0.name) AS VARCHAR) in the model, type VARCHAR in the contract) to keep every digit"
            })
    }
}
