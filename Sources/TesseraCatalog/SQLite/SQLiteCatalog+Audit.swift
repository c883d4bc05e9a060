import Foundation
internal import GRDB

// The audit log in SQLite (`audit_entry`, migration `v4_audit`). An entry is appended inside the
// write transaction of the change it records (run start and finish, publish, quarantine), so
// the change and its record commit together or not at all. Appends are serialised by the write
// lock every transaction takes first (`BEGIN IMMEDIATE`): the next sequence number and the
// previous hash are read under that lock, so two processes can never append two entries with
// one number or one predecessor (and the primary key would refuse the second if they did).
extension SQLiteCatalog {
    /// Where the chain's head is kept: beside the catalog file.
    public var auditHeadFile: URL { AuditHead.file(besides: file) }

    public func appendAudit(_ draft: AuditDraft) async throws(CatalogError) -> AuditEntry {
        try await writing { db in try self.audit(db, draft) }
    }

    /// Each policy is compared with the one the last `access.change` entry of its product
    /// recorded (SQLite's `json()` normalises the text on both sides); a new or different one is
    /// appended. One transaction for the whole mesh.
    public func recordAccessPolicies(_ policies: [String: String]) async throws(CatalogError) -> [AuditEntry] {
        guard !policies.isEmpty else { return [] }
        return try await writing { db in
            var appended: [AuditEntry] = []
            for (product, policy) in policies.sorted(by: { $0.key < $1.key }) {
                let previous = try String.fetchOne(
                    db,
                    sql: """
                        SELECT json_extract(detail, '$.access') FROM audit_entry
                        WHERE target = ? AND action = 'access.change' ORDER BY sequence DESC LIMIT 1
                        """, arguments: [product])
                let current = try String.fetchOne(db, sql: "SELECT json(?)", arguments: [policy]) ?? policy
                guard previous != current else { continue }
                let detail = "{\"access\":\(current),\"previous\":\(previous ?? "null")}"
                appended.append(
                    try self.audit(
                        db,
                        AuditDraft(
                            action: .accessChange, target: product,
                            outcome: previous == nil ? "set" : "changed",
                            detailJSON: detail)))
            }
            return appended
        }
    }

    public func auditEntries(limit: Int, action: String?) async throws(CatalogError) -> [AuditEntry] {
        guard limit > 0 else { return [] }
        return try await reading { db in
            let filter = action == nil ? "" : "WHERE action = :action"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.auditColumns) FROM audit_entry \(filter) ORDER BY sequence DESC LIMIT :limit
                    """, arguments: ["action": action, "limit": limit]
            ).map(Self.auditEntry(row:))
        }
    }

    /// Recomputes every hash, oldest first, one row at a time (a cursor, not an array: the log
    /// grows without bound), and stops at the first entry that is missing, edited or unlinked.
    /// The head file is read *before* the table: it is written after each commit, so an honest
    /// log is always at or past it.
    public func verifyAudit() async throws(CatalogError) -> AuditVerification {
        let headFile = auditHeadFile
        let recorded = AuditHead.read(from: headFile)
        return try await reading { db in
            var count: Int64 = 0
            var previous = AuditHead(sequence: 0, hash: AuditChain.genesis)
            var headHash: String?  // only the hash of the entry the head names is kept
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.auditColumns) FROM audit_entry ORDER BY sequence")
            while let row = try rows.next() {
                let entry = try Self.auditEntry(row: row)
                count += 1
                if let problem = Self.linkProblem(entry, after: previous) {
                    return AuditVerification(
                        entries: count, last: previous.sequence > 0 ? previous : nil, recordedHead: recorded,
                        problem: problem)
                }
                if entry.sequence == recorded?.sequence { headHash = entry.hash }
                previous = AuditHead(sequence: entry.sequence, hash: entry.hash)
            }
            return AuditVerification(
                entries: count, last: previous.sequence > 0 ? previous : nil, recordedHead: recorded,
                problem: Self.headProblem(recorded, file: headFile, last: previous, hashOfRecorded: headHash))
        }
    }

    /// What is wrong with `entry` following `previous`: a gap, a broken link, or an edit.
    private static func linkProblem(_ entry: AuditEntry, after previous: AuditHead) -> AuditVerification.Problem? {
        if entry.sequence != previous.sequence + 1 {
            let gap = entry.sequence - previous.sequence - 1
            return .init(
                sequence: previous.sequence + 1, kind: "missing",
                message: gap == 1
                    ? "entry \(previous.sequence + 1) is missing: the log goes from \(previous.sequence) to \(entry.sequence)"
                    : "entries \(previous.sequence + 1)–\(entry.sequence - 1) are missing: the log goes from \(previous.sequence) to \(entry.sequence)"
            )
        }
        if entry.previousHash != previous.hash {
            return .init(
                sequence: entry.sequence, kind: "broken_link",
                message:
                    "entry \(entry.sequence) does not follow entry \(previous.sequence): its previous hash is \(entry.previousHash.prefix(12))…, entry \(previous.sequence)'s hash is \(previous.hash.prefix(12))…"
            )
        }
        if entry.expectedHash != entry.hash {
            return .init(
                sequence: entry.sequence, kind: "edited",
                message:
                    "entry \(entry.sequence) (\(entry.action) \(entry.target), \(entry.time)) was changed after it was written: its content no longer matches its hash"
            )
        }
        return nil
    }

    /// Whether the head file agrees with the log's `last` entry: the newest entries were not
    /// removed, nor the log rewritten.
    private static func headProblem(
        _ recorded: AuditHead?, file headFile: URL, last: AuditHead, hashOfRecorded: String?
    ) -> AuditVerification.Problem? {
        guard let recorded else {
            guard last.sequence > 0 else { return nil }
            return .init(
                sequence: 0, kind: "head",
                message: "the head file \(headFile.path) is missing, so removed newest entries could not be detected")
        }
        if recorded.sequence < 0 {
            return .init(
                sequence: 0, kind: "head",
                message: "the head file \(headFile.path) is not a head (one line: sequence and hash)")
        }
        if recorded.sequence > last.sequence {
            return .init(
                sequence: last.sequence + 1, kind: "truncated",
                message:
                    "the newest entries were removed: the log ends at entry \(last.sequence), the head recorded entry \(recorded.sequence)"
            )
        }
        if recorded.sequence > 0, hashOfRecorded != recorded.hash {
            return .init(
                sequence: recorded.sequence, kind: "head",
                message:
                    "entry \(recorded.sequence) is not the one the head recorded (hash \(recorded.hash.prefix(12))…): the log was rewritten"
            )
        }
        return nil
    }

    // MARK: Appending inside a write transaction

    /// Appends `draft` in the caller's transaction and moves the head file forward once it
    /// commits (never before: a rolled-back entry must not be recorded as the head).
    @discardableResult
    func audit(_ db: Database, _ draft: AuditDraft) throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
        let sequence: Int64 = (last.map { $0["sequence"] as Int64? ?? 0 } ?? 0) + 1
        let previousHash: String = last.flatMap { $0["hash"] as String? } ?? AuditChain.genesis
        let time = AuditChain.timestamp(Date())
        let actor = AuditActor.current
        let hash = AuditChain.hash(
            sequence: sequence, time: time, actor: actor, action: draft.action, target: draft.target,
            outcome: draft.outcome, detail: draft.detail, previousHash: previousHash)
        try db.execute(
            sql: "INSERT INTO audit_entry (\(Self.auditColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                sequence, time, actor, draft.action, draft.target, draft.outcome, draft.detail,
                previousHash, hash,
            ])
        let head = AuditHead(sequence: sequence, hash: hash), headFile = auditHeadFile
        db.afterNextTransaction(onCommit: { _ in head.advance(headFile) })
        return AuditEntry(
            sequence: sequence, time: time, actor: actor, action: draft.action, target: draft.target,
            outcome: draft.outcome, detail: draft.detail, previousHash: previousHash, hash: hash)
    }

    /// The hooks of the catalog's own changes, one call each in the transaction that makes them.
    func auditRunStart(_ db: Database, _ run: RunRecord) throws {
        struct Detail: Encodable {
            var environment, command: String; var selector: String?; var arguments: [String]; var process_id: Int32
        }
        try audit(
            db,
            AuditDraft(
                action: .runStart, target: run.id, outcome: run.status.rawValue,
                detail: Detail(
                    environment: run.environment, command: run.command, selector: run.selector,
                    arguments: run.arguments, process_id: run.processID)))
    }

    func auditRunFinish(_ db: Database, id: String, status: RunStatus) throws {
        struct Detail: Encodable { var status: String }
        try audit(
            db,
            AuditDraft(
                action: .runFinish, target: id, outcome: status.rawValue, detail: Detail(status: status.rawValue)))
    }

    /// `publish`, and `contract.change` when the contract differs from the one the product was
    /// last published with (the newest other published snapshot carrying one).
    func auditPublish(_ db: Database, _ snapshot: SnapshotRecord) throws {
        struct Detail: Encodable { var snapshot, version: String; var rows, bytes: Int64; var run: String? }
        try audit(
            db,
            AuditDraft(
                action: .publish, target: snapshot.product, outcome: "published",
                detail: Detail(
                    snapshot: snapshot.id, version: snapshot.version, rows: snapshot.rows,
                    bytes: snapshot.bytes, run: snapshot.runID)))
        guard let contract = snapshot.contract,
            let before = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, version, contract FROM snapshot
                    WHERE product = ? AND id <> ? AND status IN ('current', 'superseded') AND contract IS NOT NULL
                    ORDER BY created_at DESC, rowid DESC LIMIT 1
                    """, arguments: [snapshot.product, snapshot.id]),
            (before["contract"] as String?) != contract
        else { return }
        struct Change: Encodable { var from, to: String; var previous_snapshot, snapshot: String }
        try audit(
            db,
            AuditDraft(
                action: .contractChange, target: snapshot.product, outcome: "changed",
                detail: Change(
                    from: before["version"] ?? "", to: snapshot.version,
                    previous_snapshot: before["id"] ?? "", snapshot: snapshot.id)))
    }

    func auditQuarantine(_ db: Database, _ snapshot: SnapshotRecord, reason: String) throws {
        struct Detail: Encodable { var snapshot, version, reason: String; var run: String? }
        try audit(
            db,
            AuditDraft(
                action: .quarantine, target: snapshot.product, outcome: "quarantined",
                detail: Detail(snapshot: snapshot.id, version: snapshot.version, reason: reason, run: snapshot.runID)))
    }

    static let auditColumns = "sequence, time, actor, action, target, outcome, detail, previous_hash, hash"

    static func auditEntry(row: Row) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.decode(forColumn: "sequence"), time: try row.decode(forColumn: "time"),
            actor: try row.decode(forColumn: "actor"), action: try row.decode(forColumn: "action"),
            target: try row.decode(forColumn: "target"), outcome: try row.decode(forColumn: "outcome"),
            detail: try row.decode(forColumn: "detail"), previousHash: try row.decode(forColumn: "previous_hash"),
            hash: try row.decode(forColumn: "hash"))
    }
}
