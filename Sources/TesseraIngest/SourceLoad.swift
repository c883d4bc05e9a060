import DuckDB
import Foundation
import PostgresWire
import TesseraModel
import TesseraWarehouse

/// One load of one source, in the order of docs/ingestion.md: extract → land → standardize →
/// validate → upsert. Each stage is SQL that DuckDB runs set-based; no row passes through Swift
/// values.
///
/// Atomicity: the landed file is written under a temporary name and renamed when complete; the
/// rejected rows, the new data and the load's record in `_tessera.loads` commit in one DuckDB
/// transaction. A load killed at any moment therefore leaves `src.<source>` exactly as it was,
/// and the next load starts cleanly (it removes landed files no committed load refers to).
/// Calls block: run it off the cooperative thread pool (``Ingestor`` does).
public struct SourceLoad: Sendable {
    public var source: Source
    public var projectRoot: URL
    public var layout: StateLayout
    public var warehouse: Warehouse
    /// Called a few times a second while the load runs, for a live display.
    public var onProgress: (@Sendable (LoadProgress) -> Void)?

    public init(
        source: Source, projectRoot: URL, layout: StateLayout, warehouse: Warehouse,
        onProgress: (@Sendable (LoadProgress) -> Void)? = nil
    ) {
        self.source = source
        self.projectRoot = projectRoot
        self.layout = layout
        self.warehouse = warehouse
        self.onProgress = onProgress
    }

    var qualifiedName: String { "\(source.domain).\(source.name)" }
    var table: String { SQL.qualified("src", source.name) }
    var rejectedTable: String { SQL.qualified("src", source.name + "__rejected") }
    /// The primary key's columns, quoted, as a SQL list.
    var keyColumns: String { source.load.primaryKey.map(SQL.identifier).joined(separator: ", ") }

    /// Runs the load. Failures are in the report (`status == .failed`) and in `failure`.
    ///
    /// Network extraction (HTTP) is async; everything that calls DuckDB (or blocks on a socket,
    /// as the PostgreSQL extract does) runs on the load's own connection queue, never on the
    /// cooperative pool. Cancelling the task interrupts the statement DuckDB is running: the load
    /// fails as `cancelled`, with nothing committed.
    public func run() async -> (report: LoadReport, failure: IngestError?) {
        let loadID = LoadID.make()
        var report = LoadReport(
            source: qualifiedName, loadID: loadID, status: .failed, startedAt: Date(), finishedAt: Date())
        let staging = layout.stagingDirectory(domain: source.domain, loadID: loadID.rawValue)
        defer { try? FileManager.default.removeItem(at: staging) }
        do {
            var fetched: HTTPExtraction?
            if case .http(let connector) = source.connector {
                onProgress?(LoadProgress(source: qualifiedName, stage: .extracting, percentage: nil))
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                let extractor = HTTPExtractor(
                    connector: connector, source: qualifiedName, sourceFile: source.location.file)
                do {
                    fetched = try await extractor.extract(into: staging)
                } catch let error as HTTPExtractError {
                    throw IngestError(.extraction, error.message, hint: error.hint, location: source.location)
                }
            }
            let prefetched = fetched
            let blockingReport = report
            let loadConnection = try AsyncConnection(warehouse.database, label: "tessera.load")
            report = try await loadConnection.run { connection throws -> LoadReport in
                var report = blockingReport
                try LoadLedger.prepare(warehouse)
                var poller: ProgressPoller?
                // A warehouse a run locked (a service's, loaded again later) keeps its settings: the
                // load then goes without a live progress figure.
                if let onProgress, !Sandbox.isLocked(connection) {
                    try connection.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
                    poller = ProgressPoller(source: qualifiedName, monitor: connection.monitor(), report: onProgress)
                }
                defer { poller?.stop() }
                try run(
                    loadID: loadID, on: connection, report: &report, poller: poller, fetched: prefetched,
                    staging: staging)
                report.finishedAt = Date()
                return report
            }
            return (report, nil)
        } catch {
            let failure =
                Task.isCancelled
                ? IngestError(.cancelled, "the load was cancelled; nothing was committed", location: source.location)
                : (error as? IngestError) ?? describe(error)
            report.status = .failed
            report.error = failure.description
            report.finishedAt = Date()
            let failed = report
            await Blocking.run { recordFailure(failed) }
            return (report, failure)
        }
    }

    private func run(
        loadID: LoadID, on connection: Connection, report: inout LoadReport, poller: ProgressPoller?,
        fetched: HTTPExtraction?, staging: URL
    ) throws {
        let landingDirectory = try landingDirectory(on: connection)

        // The cursor's high-water mark, read once: PostgreSQL gets it pushed into its query, the
        // other connectors' batches are filtered by it after landing.
        let cursor = source.load.mode == .incremental ? source.load.cursor : nil
        let lastCursor = try cursor.flatMap { _ in try LoadLedger.cursorMax(source: source.name, on: connection) }

        // 1. Extract: what to read, as a query DuckDB can run.
        let extraction: Extraction
        switch try extract(loadID: loadID, on: connection, fetched: fetched, staging: staging, lastCursor: lastCursor) {
        case .nothingNew(let inputs):
            report.status = .upToDate
            report.inputs = inputs
            return
        case .batch(let batch):
            extraction = batch
        }
        report.inputs = extraction.inputs

        // 2. Land the raw batch.
        poller?.enter(.landing)
        let landed = try land(extraction, loadID: loadID, in: landingDirectory, on: connection, report: &report)

        // 3. Standardize and validate: one projection over the landed file.
        let raw = "read_parquet(\(SQL.literal(landed.path)), file_row_number=true)"
        let landedColumns = try describe("SELECT * FROM read_parquet(\(SQL.literal(landed.path)))", on: connection)
        let plan = try Standardizer(source: source).plan(landed: landedColumns)
        let now = "TIMESTAMPTZ \(SQL.literal(ISO8601DateFormatter().string(from: report.startedAt)))"
        let standardized = Self.standardizedSQL(plan, raw: raw)
        poller?.enter(.validating)
        try refuseTooManyRejects(
            extraction, plan: plan, raw: raw, loadID: loadID, now: now, readerRejected: landed.readerRejected,
            on: connection, report: &report)

        // 4. Upsert, the rejects and the load's record, in one transaction.
        var filter = "_reject_reason IS NULL"
        if let cursor, let lastCursor {
            report.staleRows = try applyCursor(
                cursor, mark: lastCursor, extraction, standardized: standardized, plan: plan, filter: &filter,
                on: connection)
        }
        try dropDuplicates(
            extraction, plan: plan, standardized: standardized, filter: &filter, on: connection, report: &report)
        let batch = """
            SELECT * EXCLUDE (_reject_reason, _row), \(SQL.literal(loadID.rawValue)) AS _load_id, \(now) AS _loaded_at
            FROM (\(standardized))
            WHERE \(filter)
            """
        // Row order no longer matters past this point (dedup is decided); not preserving it lets
        // DuckDB write without buffering out-of-order row groups, which halves peak memory.
        if !Sandbox.isLocked(connection) { try connection.execute("SET preserve_insertion_order = false") }
        poller?.enter(.loading)
        try commit(
            batch: batch, extraction, plan: plan, raw: raw, loadID: loadID, now: now,
            cursor: cursor.map { ($0, lastCursor) }, on: connection, report: &report)
    }

    /// Every landed row standardized, with why it is rejected (NULL when it is not) and its row
    /// number in the landed file.
    private static func standardizedSQL(_ plan: Standardizer.Plan, raw: String) -> String {
        """
        SELECT \(plan.columns.map { "\($0.expression) AS \(SQL.identifier($0.name))" }.joined(separator: ", ")),
               \(plan.rejectReason ?? "NULL::VARCHAR") AS _reject_reason, file_row_number AS _row
        FROM \(raw)
        """
    }

    /// The rows at or behind the cursor's last mark that were loaded already are left out
    /// (``CursorBoundary``); returns how many.
    private func applyCursor(
        _ cursor: String, mark: String, _ extraction: Extraction, standardized: String, plan: Standardizer.Plan,
        filter: inout String, on connection: Connection
    ) throws -> Int {
        let type = plan.columns.first { $0.name == cursor }?.type ?? "VARCHAR"
        let boundary = CursorBoundary(cursor: cursor, type: type, mark: mark, keyed: !source.load.primaryKey.isEmpty)
        return try applyCursor(
            boundary, pushedDown: extraction.cursorApplied, standardized: standardized, plan: plan, filter: &filter,
            on: connection)
    }

    /// Lands the raw batch, unchanged, as one immutable Parquet file named by the load id: written
    /// under a temporary name, renamed when complete. Counts what the reader rejected on the way.
    private func land(
        _ extraction: Extraction, loadID: LoadID, in directory: URL, on connection: Connection,
        report: inout LoadReport
    ) throws -> (path: String, readerRejected: Int) {
        // zstd at level 1: about 30% less CPU than the default level 3 for files about 13% larger
        // (measured on W1b's orders); snappy and lz4 save a little more CPU but are 60% larger.
        let landed = directory.appendingPathComponent("\(loadID.rawValue).parquet")
        let partial = directory.appendingPathComponent(".\(loadID.rawValue).parquet.partial")
        let landedRows: Int
        do {
            landedRows = try connection.execute(
                """
                COPY (\(extraction.selectSQL)) TO \(SQL.literal(partial.path)) (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)
                """)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        try FileManager.default.moveItem(at: partial, to: landed)
        report.landedFile = landed.path
        report.landedBytes =
            (try? FileManager.default.attributesOfItem(atPath: landed.path)[.size] as? NSNumber)?.intValue
        let readerRejected = try countReaderRejects(extraction, on: connection)
        report.extractedRows = landedRows + readerRejected
        return (landed.path, readerRejected)
    }

    /// How many rows validation rejects, before anything is written: `max_rejected` decides
    /// whether this load may commit at all. Over the limit, only the rejects are kept, and the
    /// load fails with the first reason.
    private func refuseTooManyRejects(
        _ extraction: Extraction, plan: Standardizer.Plan, raw: String, loadID: LoadID, now: String,
        readerRejected: Int, on connection: Connection, report: inout LoadReport
    ) throws {
        var validationRejected = 0
        if let reason = plan.rejectReason {
            validationRejected = try count("SELECT count(*) FROM \(raw) WHERE \(reason) IS NOT NULL", on: connection)
        }
        report.rejectedRows = readerRejected + validationRejected
        let maxRejected = source.schema?.maxRejected ?? 0
        guard report.rejectedRows > 0, Double(report.rejectedRows) > maxRejected * Double(max(report.extractedRows, 1))
        else { return }
        let sample = try firstRejectReason(extraction, plan: plan, raw: raw, on: connection)
        try commitRejectsOnly(
            extraction, plan: plan, raw: raw, loadID: loadID, now: now, on: connection, report: report)
        throw IngestError(
            .data,
            "\(report.rejectedRows) of \(report.extractedRows) rows rejected, more than schema.max_rejected (\(maxRejected.formatted())) allows; nothing was loaded. First: \(sample)",
            hint:
                "see \(source.name)__rejected in the warehouse for every rejected row and its reason, or raise schema.max_rejected",
            location: source.location)
    }

    /// Dedup is decided before anything is written, over the key, the cursor and the landed
    /// row number only: the rows to drop (older versions of a key, else earlier in load
    /// order) go to a small temp table that the write then anti-joins. A window over the
    /// whole wide batch would hold every column of every row in memory.
    private func dropDuplicates(
        _ extraction: Extraction, plan: Standardizer.Plan, standardized: String, filter: inout String,
        on connection: Connection, report: inout LoadReport
    ) throws {
        guard !source.load.primaryKey.isEmpty, !keyIsUnique(extraction.uniqueKeys, plan: plan) else { return }
        let keys = keyColumns
        let latest = source.load.cursor.map { "\(SQL.identifier($0)) DESC NULLS LAST, " } ?? ""
        let ordering = source.load.cursor.map { ", \(SQL.identifier($0))" } ?? ""
        report.deduplicatedRows = try connection.execute(
            """
            CREATE OR REPLACE TEMP TABLE tessera_duplicates AS
            SELECT _row FROM (SELECT \(keys)\(ordering), _row FROM (\(standardized)) WHERE \(filter))
            QUALIFY row_number() OVER (PARTITION BY \(keys) ORDER BY \(latest)_row DESC) > 1
            """)
        if report.deduplicatedRows > 0 { filter += " AND _row NOT IN (SELECT _row FROM tessera_duplicates)" }
    }

    /// The upsert, the rejects and the load's record (with the cursor's new high-water mark), in
    /// one transaction: a load is entirely there or not at all.
    private func commit(
        batch: String, _ extraction: Extraction, plan: Standardizer.Plan, raw: String, loadID: LoadID, now: String,
        cursor: (name: String, lastMark: String?)?, on connection: Connection, report: inout LoadReport
    ) throws {
        try connection.execute("BEGIN TRANSACTION")
        do {
            try insertRejects(extraction, plan: plan, raw: raw, loadID: loadID, now: now, on: connection)
            report.loadedRows = try upsert(batch: batch, plan: plan, on: connection)
            let cursorMax = try cursor.flatMap { cursor -> String? in
                let value = try connection.scalar("SELECT max(\(SQL.identifier(cursor.name)))::VARCHAR FROM \(table)")
                if case .varchar(let text)? = value { return text }
                return cursor.lastMark
            }
            report.status = report.loadedRows == 0 && report.rejectedRows == 0 ? .upToDate : .committed
            report.finishedAt = Date()
            try connection.execute(
                LoadLedger.recordSQL(
                    report, source: source.name, mode: source.load.mode.rawValue, cursorMax: cursorMax, layout: layout))
            if let files = LoadLedger.filesSQL(source: source.name, files: extraction.files, loadID: loadID) {
                try connection.execute(files)
            }
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: - Stages

    private func extract(
        loadID: LoadID, on connection: Connection, fetched: HTTPExtraction?, staging: URL,
        lastCursor: String?
    ) throws -> ExtractOutcome {
        switch source.connector {
        case .csv(let files), .json(let files), .parquet(let files):
            return try FileExtractor(source: source, connector: files, projectRoot: projectRoot, loadID: loadID)
                .extract(on: connection)
        case .http(let connector):
            guard let fetched else { return .nothingNew(inputs: 0) }
            guard fetched.records > 0 else { return .nothingNew(inputs: fetched.pages.count) }
            return .batch(
                try HTTPRecords(pages: fetched.pages, pointer: connector.records, source: source).extraction(
                    on: connection))
        case .postgres(let connector):
            let extractor = PostgresExtractor(
                source: source, connector: connector, staging: staging, lastCursor: lastCursor)
            return .batch(try extractor.extract())
        }
    }

    /// Narrows `filter` to the rows past the cursor's mark or at it and not loaded yet; returns
    /// how many valid rows it leaves out (already loaded). Rows below the mark are counted only
    /// when the extract did not already leave them out (PostgreSQL gets `>=` pushed down).
    private func applyCursor(
        _ boundary: CursorBoundary, pushedDown: Bool, standardized: String, plan: Standardizer.Plan,
        filter: inout String, on connection: Connection
    ) throws -> Int {
        // One pass counts both the rows below the mark and those at it; a batch with none at the
        // mark (the usual new file) needs no comparison with the table at all.
        let counts =
            try connection.rows(
                """
                SELECT count(*) FILTER (WHERE NOT (\(boundary.admits))), count(*) FILTER (WHERE \(boundary.atMark))
                FROM (\(standardized)) WHERE _reject_reason IS NULL
                """
            ).first ?? []
        func int(_ value: DuckDBValue?) -> Int { if case .bigint(let n)? = value { Int(n) } else { 0 } }
        let below = pushedDown ? 0 : int(counts.first)
        if !pushedDown { filter += " AND \(boundary.admits)" }
        guard int(counts.last) > 0 else { return below }
        let reloaded = try boundary.markReloaded(
            standardized: standardized, batchColumns: plan.columns.map { ($0.name, $0.type) },
            table: table, tableColumns: try describeTable(on: connection), on: connection)
        if reloaded > 0 { filter += " AND _row NOT IN (SELECT _row FROM \(CursorBoundary.reloadedTable))" }
        return below + reloaded
    }

    /// True when the source guarantees the batch has one row per `primary_key`: some unique
    /// column set of the source lies inside the key, and standardizing passes each of its
    /// columns through unchanged (a trim or a cast could make two distinct values equal).
    private func keyIsUnique(_ uniqueKeys: [[String]], plan: Standardizer.Plan) -> Bool {
        let key = Set(source.load.primaryKey)
        return uniqueKeys.contains { columns in
            !columns.isEmpty
                && columns.allSatisfy { column in
                    plan.columns.contains { $0.expression == SQL.identifier(column) && key.contains($0.name) }
                }
        }
    }

    /// Creates `src.<source>` or merges the (deduplicated) batch into it, per the load mode;
    /// returns the rows written.
    private func upsert(batch: String, plan: Standardizer.Plan, on connection: Connection) throws -> Int {
        let existing = try describeTable(on: connection)
        if source.load.mode == .full || existing == nil {
            if let existing, source.schema?.onChange == .freeze {
                try checkFrozen(existing: existing, plan: plan)
            }
            return try connection.execute("CREATE OR REPLACE TABLE \(table) AS \(batch)")
        }
        guard let existing else { return 0 }
        try evolve(existing: existing, plan: plan, on: connection)
        if source.load.mode == .incremental, !source.load.primaryKey.isEmpty {
            // New versions of existing keys replace them; the rest is inserted.
            let keys = keyColumns
            try connection.execute("CREATE OR REPLACE TEMP TABLE tessera_batch AS \(batch)")
            defer { _ = try? connection.execute("DROP TABLE IF EXISTS tessera_batch") }
            try connection.execute("DELETE FROM \(table) WHERE (\(keys)) IN (SELECT (\(keys)) FROM tessera_batch)")
            return try connection.execute("INSERT INTO \(table) BY NAME SELECT * FROM tessera_batch")
        }
        return try connection.execute("INSERT INTO \(table) BY NAME \(batch)")
    }

    /// `on_change: evolve` adds the batch's new columns to the table; `freeze` refuses them.
    private func evolve(existing: [(name: String, type: String)], plan: Standardizer.Plan, on connection: Connection)
        throws
    {
        if source.schema?.onChange == .freeze { return try checkFrozen(existing: existing, plan: plan) }
        let known = Set(existing.map(\.name))
        for column in plan.columns where !known.contains(column.name) {
            try connection.execute("ALTER TABLE \(table) ADD COLUMN \(SQL.identifier(column.name)) \(column.type)")
        }
    }

    private func checkFrozen(existing: [(name: String, type: String)], plan: Standardizer.Plan) throws {
        let known = Set(existing.map(\.name))
        let added = plan.columns.map(\.name).filter { !known.contains($0) }
        if !added.isEmpty {
            throw IngestError(
                .data,
                "new column \(added.map { "'\($0)'" }.joined(separator: ", ")) in the data, and the schema is frozen (on_change: freeze)",
                hint: "declare the change deliberately: set schema.on_change: evolve for one load",
                location: source.location)
        }
    }

    // MARK: - Rejects

    private func rejectedTableSQL() -> String {
        """
        CREATE TABLE IF NOT EXISTS \(rejectedTable) (
            _load_id VARCHAR, _rejected_at TIMESTAMPTZ, _file VARCHAR, _line BIGINT,
            _column VARCHAR, _reason VARCHAR, _record VARCHAR)
        """
    }

    /// Rows DuckDB's CSV reader could not parse (one row per line, even with several errors on it).
    private func countReaderRejects(_ extraction: Extraction, on connection: Connection) throws -> Int {
        try extraction.csvRejectTables.reduce(0) { total, tables in
            total + (try count("SELECT count(DISTINCT (file_id, line)) FROM \(tables.errors)", on: connection))
        }
    }

    private func insertRejects(
        _ extraction: Extraction, plan: Standardizer.Plan, raw: String, loadID: LoadID, now: String,
        on connection: Connection
    ) throws {
        try connection.execute(rejectedTableSQL())
        let id = SQL.literal(loadID.rawValue)
        for tables in extraction.csvRejectTables {
            try connection.execute(
                """
                INSERT INTO \(rejectedTable)
                SELECT \(id), \(now), \(projectRelative("s.file_path")), e.line, e.column_name, e.error_type || ': ' || e.error_message, e.csv_line
                FROM \(tables.errors) e JOIN \(tables.scans) s USING (scan_id, file_id)
                ORDER BY s.file_path, e.line
                """)
        }
        if let reason = plan.rejectReason {
            let file = plan.sourceFileColumn.map { projectRelative(SQL.identifier($0)) } ?? "NULL"
            let record = plan.sourceFileColumn.map { "REPLACE (\(file) AS \(SQL.identifier($0)))" } ?? ""
            try connection.execute(
                """
                INSERT INTO \(rejectedTable)
                SELECT \(id), \(now), \(file), NULL, NULL, \(reason), to_json(r)::VARCHAR
                FROM (SELECT * EXCLUDE (file_row_number) \(record) FROM \(raw)) r WHERE \(reason) IS NOT NULL
                """)
        }
    }

    /// SQL naming the file in `column` relative to the project root when it is inside, as the
    /// load ledger does: a rejected row's file is not a path into another copy of the project.
    private func projectRelative(_ column: String) -> String {
        let root = SQL.literal(projectRoot.standardizedFileURL.path + "/")
        return
            "CASE WHEN starts_with(\(column), \(root)) THEN substr(\(column), length(\(root)) + 1) ELSE \(column) END"
    }

    private func commitRejectsOnly(
        _ extraction: Extraction, plan: Standardizer.Plan, raw: String, loadID: LoadID, now: String,
        on connection: Connection, report: LoadReport
    ) throws {
        try connection.execute("BEGIN TRANSACTION")
        do {
            try insertRejects(extraction, plan: plan, raw: raw, loadID: loadID, now: now, on: connection)
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private func firstRejectReason(
        _ extraction: Extraction, plan: Standardizer.Plan, raw: String, on connection: Connection
    ) throws -> String {
        for tables in extraction.csvRejectTables {
            let rows = try connection.rows(
                """
                SELECT s.file_path, e.line, e.error_type, e.error_message FROM \(tables.errors) e JOIN \(tables.scans) s USING (scan_id, file_id)
                ORDER BY s.file_path, e.line LIMIT 1
                """)
            if let row = rows.first, case .varchar(let path) = row[0] {
                let file =
                    path.hasPrefix(projectRoot.path + "/") ? String(path.dropFirst(projectRoot.path.count + 1)) : path
                return "\(file):\(row[1]): \(row[2]): \(row[3])"
            }
        }
        if let reason = plan.rejectReason {
            let value = try connection.scalar("SELECT \(reason) FROM \(raw) WHERE \(reason) IS NOT NULL LIMIT 1")
            if case .varchar(let text)? = value { return text }
        }
        return "(no sample)"
    }

    // MARK: - Bookkeeping

    /// A failed load is recorded too, on its own connection, so `tessera` can show it later.
    private func recordFailure(_ report: LoadReport) {
        guard (try? LoadLedger.prepare(warehouse)) != nil, let connection = try? warehouse.connect() else { return }
        _ = try? connection.execute(
            LoadLedger.recordSQL(
                report, source: source.name, mode: source.load.mode.rawValue, cursorMax: nil, layout: layout))
    }

    /// The source's landing folder, created if needed and rid of what no committed load refers to.
    private func landingDirectory(on connection: Connection) throws -> URL {
        let directory = layout.landingDirectory(domain: source.domain, source: source.name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try removeUncommittedLandings(in: directory, on: connection)
        return directory
    }

    /// Landed files of loads that never committed (killed mid-way) and partial files are removed:
    /// nothing refers to them, and the next load extracts again.
    private func removeUncommittedLandings(in directory: URL, on connection: Connection) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard !names.isEmpty else { return }
        let rows = try connection.rows("SELECT load_id FROM _tessera.loads WHERE source = $1", .varchar(source.name))
        let known = Set(
            rows.compactMap { row -> String? in if case .varchar(let id)? = row.first { return id } else { return nil }
            })
        for name in names {
            let isPartial = name.hasSuffix(".partial")
            let isOrphan = name.hasSuffix(".parquet") && !known.contains(String(name.dropLast(".parquet".count)))
            if isPartial || isOrphan {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    private func describeTable(on connection: Connection) throws -> [(name: String, type: String)]? {
        let exists = try count(
            """
            SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'src' AND table_name = \(SQL.literal(source.name)) AND database_name = current_database()
            """, on: connection)
        guard exists > 0 else { return nil }
        return try describe("SELECT * FROM \(table)", on: connection).filter {
            !$0.name.hasPrefix("_load") && $0.name != "_loaded_at"
        }
    }

    private func describe(_ query: String, on connection: Connection) throws -> [(name: String, type: String)] {
        try connection.rows("DESCRIBE \(query)").compactMap { row in
            guard row.count >= 2, case .varchar(let name) = row[0], case .varchar(let type) = row[1] else { return nil }
            return (name, type)
        }
    }

    private func count(_ sql: String, on connection: Connection) throws -> Int {
        switch try connection.scalar(sql) {
        case .bigint(let n)?: return Int(n)
        case .hugeint(let n)?: return Int(n.description) ?? 0
        case .integer(let n)?: return Int(n)
        case .ubigint(let n)?: return Int(n)
        default: return 0
        }
    }

    private func describe(_ error: Error) -> IngestError {
        if let error = error as? DuckDBError {
            return IngestError(.data, DuckDBMessage.summary(error.message), location: source.location)
        }
        return IngestError(.environment, "\(error)", location: source.location)
    }
}
