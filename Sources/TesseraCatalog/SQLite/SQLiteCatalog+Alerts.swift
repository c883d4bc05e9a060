import Foundation
internal import GRDB

// The alerts outbox in SQLite (`alert`, migration `v8_alerts`). Appending is part of finishing a
// run; delivery claims due rows (pushing their next attempt forward, so two processes never send
// the same alert at once) and then records each attempt's outcome.
extension SQLiteCatalog {
    static let alertColumns = """
        id, event, domain, node, run_id, created_at, payload, webhook, webhook_key, state, attempts, \
        next_attempt_at, last_error, updated_at
        """

    public func appendAlerts(_ alerts: [AlertDraft]) async throws(CatalogError) {
        guard !alerts.isEmpty else { return }
        try await writing { db in
            for alert in alerts {
                try db.execute(
                    sql: """
                        INSERT INTO alert (event, domain, node, run_id, created_at, payload, webhook, webhook_key, \
                        state, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                        """,
                    arguments: [
                        alert.event, alert.domain, alert.node, alert.runID, alert.createdAt, alert.payload,
                        alert.webhook, alert.webhookKey, AlertState.pending.rawValue, alert.createdAt, alert.createdAt,
                    ])
            }
        }
    }

    public func claimAlerts(dueBy now: Date, runID: String?, until: Date, limit: Int) async throws(CatalogError)
        -> [AlertRecord]
    {
        var condition = "state = 'pending' AND next_attempt_at <= ?"
        var arguments: StatementArguments = [now]
        if let runID {
            condition += " AND run_id = ?"
            arguments += [runID]
        }
        return try await claimDue(
            from: "alert", columns: Self.alertColumns, where: condition, arguments: arguments,
            claim: "next_attempt_at = ?", until: until, limit: limit, decode: Self.alertRecord(row:))
    }

    public func updateAlert(_ alert: AlertRecord) async throws(CatalogError) {
        try await writing { db in
            try db.execute(
                sql: """
                    UPDATE alert SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? \
                    WHERE id = ?
                    """,
                arguments: [
                    alert.state.rawValue, alert.attempts, alert.nextAttemptAt, alert.lastError, alert.updatedAt,
                    alert.id,
                ])
            if db.changesCount == 0 { throw CatalogError(.notFound, "no alert has the id \(alert.id)") }
        }
    }

    public func alerts(limit: Int) async throws(CatalogError) -> [AlertRecord] {
        try await reading { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.alertColumns) FROM alert ORDER BY id DESC LIMIT ?", arguments: [limit]
            ).map(Self.alertRecord(row:))
        }
    }

    static func alertRecord(row: Row) throws -> AlertRecord {
        let draft = AlertDraft(
            event: try row.decode(forColumn: "event"), domain: try row.decode(forColumn: "domain"), node: row["node"],
            runID: row["run_id"], createdAt: try row.decode(forColumn: "created_at"),
            payload: try row.decode(forColumn: "payload"), webhook: try row.decode(forColumn: "webhook"),
            webhookKey: try row.decode(forColumn: "webhook_key"))
        return AlertRecord(
            id: try row.decode(forColumn: "id"), draft: draft,
            state: try row.decodeEnum(AlertState.self, "state", table: "alert"),
            attempts: try row.decode(forColumn: "attempts"), nextAttemptAt: row["next_attempt_at"],
            lastError: row["last_error"], updatedAt: try row.decode(forColumn: "updated_at"))
    }
}
