import Foundation
internal import GRDB

// Dashboard deliveries in SQLite (`dashboard_delivery`, `dashboard_delivery_cursor`, migration
// `v12_dashboard_deliveries`). A tick writes its cursors and the deliveries it found due in one
// transaction; the unique key drops a delivery recorded before, so a time is recorded once.
extension SQLiteCatalog {
    static let deliveryColumns = """
        id, dashboard, delivery, destination_key, destination, destination_kind, scheduled_at, trigger, principal, \
        state, attempts, next_attempt_at, last_error, snapshots, file_name, created_at, updated_at
        """

    public func deliveryCursors() async throws(CatalogError) -> [String: Date] {
        try await reading { db in
            var cursors: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT destination_key, last_tick FROM dashboard_delivery_cursor") {
                cursors[try row.decode(forColumn: "destination_key")] = try row.decode(forColumn: "last_tick")
            }
            return cursors
        }
    }

    public func commitDeliveries(_ drafts: [DeliveryDraft], cursors: [DeliveryCursor], at time: Date)
        async throws(CatalogError) -> [DeliveryRecord]
    {
        guard !drafts.isEmpty || !cursors.isEmpty else { return [] }
        return try await writing { db in
            for cursor in cursors {
                try db.execute(
                    sql: """
                        INSERT INTO dashboard_delivery_cursor (destination_key, dashboard, last_tick) VALUES (?, ?, ?) \
                        ON CONFLICT (destination_key) DO UPDATE SET last_tick = excluded.last_tick
                        """, arguments: [cursor.destinationKey, cursor.dashboard, cursor.lastTick])
            }
            var added: [DeliveryRecord] = []
            for draft in drafts {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO dashboard_delivery (dashboard, delivery, destination_key, destination, \
                        destination_kind, scheduled_at, trigger, principal, state, attempts, next_attempt_at, \
                        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                        """,
                    arguments: [
                        draft.dashboard, draft.delivery, draft.destinationKey, draft.destination,
                        draft.destinationKind, draft.scheduledAt, draft.trigger, draft.principal, time, time, time,
                    ])
                guard db.changesCount > 0 else { continue }
                added.append(
                    DeliveryRecord(
                        id: db.lastInsertedRowID, draft: draft, state: .pending, attempts: 0, nextAttemptAt: time,
                        lastError: nil, snapshots: [], fileName: nil, createdAt: time, updatedAt: time))
            }
            return added
        }
    }

    public func claimDeliveries(dueBy now: Date, dashboard: String?, until: Date, limit: Int)
        async throws(CatalogError) -> [DeliveryRecord]
    {
        var condition = "state IN ('pending', 'sending') AND next_attempt_at <= ?"
        var arguments: StatementArguments = [now]
        if let dashboard {
            condition += " AND dashboard = ?"
            arguments += [dashboard]
        }
        return try await claimDue(
            from: "dashboard_delivery", columns: Self.deliveryColumns, where: condition, arguments: arguments,
            claim: "state = 'sending', next_attempt_at = ?", until: until, limit: limit,
            decode: Self.deliveryRecord(row:))
    }

    public func updateDelivery(_ delivery: DeliveryRecord) async throws(CatalogError) {
        try await writing { db in
            try db.execute(
                sql: """
                    UPDATE dashboard_delivery SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, \
                    snapshots = ?, file_name = ?, updated_at = ? WHERE id = ?
                    """,
                arguments: [
                    delivery.state.rawValue, delivery.attempts, delivery.nextAttemptAt, delivery.lastError,
                    delivery.snapshots.joined(separator: ","), delivery.fileName, delivery.updatedAt, delivery.id,
                ])
            if db.changesCount == 0 { throw CatalogError(.notFound, "no delivery has the id \(delivery.id)") }
        }
    }

    public func deliveries(dashboard: String?, limit: Int) async throws(CatalogError) -> [DeliveryRecord] {
        try await reading { db in
            let filter = dashboard == nil ? "" : "WHERE dashboard = ?"
            var arguments: StatementArguments = dashboard.map { [$0] } ?? []
            arguments += [limit]
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.deliveryColumns) FROM dashboard_delivery \(filter) ORDER BY id DESC LIMIT ?",
                arguments: arguments
            ).map(Self.deliveryRecord(row:))
        }
    }

    static func deliveryRecord(row: Row) throws -> DeliveryRecord {
        let draft = DeliveryDraft(
            dashboard: try row.decode(forColumn: "dashboard"), delivery: try row.decode(forColumn: "delivery"),
            destinationKey: try row.decode(forColumn: "destination_key"),
            destination: try row.decode(forColumn: "destination"),
            destinationKind: try row.decode(forColumn: "destination_kind"),
            scheduledAt: try row.decode(forColumn: "scheduled_at"), trigger: try row.decode(forColumn: "trigger"),
            principal: try row.decode(forColumn: "principal"))
        let snapshots: String = try row.decode(forColumn: "snapshots")
        return DeliveryRecord(
            id: try row.decode(forColumn: "id"), draft: draft,
            state: try row.decodeEnum(DeliveryState.self, "state", table: "dashboard_delivery"),
            attempts: try row.decode(forColumn: "attempts"), nextAttemptAt: row["next_attempt_at"],
            lastError: row["last_error"], snapshots: snapshots.split(separator: ",").map(String.init),
            fileName: row["file_name"], createdAt: try row.decode(forColumn: "created_at"),
            updatedAt: try row.decode(forColumn: "updated_at"))
    }
}
