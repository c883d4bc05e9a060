internal import GRDB

extension CatalogSchema {
    /// Dashboard deliveries (`v12_dashboard_deliveries`): one row per (dashboard, destination,
    /// scheduled time) — the unique key that makes a scheduled time delivered at most once per
    /// destination, whatever restarts happen — updated by each attempt; and a cursor per
    /// destination, the last scheduled time the service accounted for (a schedule first seen
    /// delivers from its next time on, and times missed while stopped make one delivery).
    /// A webhook is named by its host and a key; its URL, a credential, is never stored.
    static func v12DashboardDeliveries(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dashboard_delivery (
                    id INTEGER PRIMARY KEY,
                    dashboard TEXT NOT NULL,
                    delivery TEXT NOT NULL,
                    destination_key TEXT NOT NULL,
                    destination TEXT NOT NULL,
                    destination_kind TEXT NOT NULL,
                    scheduled_at TEXT NOT NULL,
                    trigger TEXT NOT NULL,
                    principal TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT,
                    last_error TEXT,
                    snapshots TEXT NOT NULL DEFAULT '',
                    file_name TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (dashboard, destination_key, scheduled_at)
                );
                CREATE INDEX dashboard_delivery_due ON dashboard_delivery(next_attempt_at)
                    WHERE state IN ('pending', 'sending');
                CREATE INDEX dashboard_delivery_by_dashboard ON dashboard_delivery(dashboard, id);
                CREATE TABLE dashboard_delivery_cursor (
                    destination_key TEXT NOT NULL PRIMARY KEY,
                    dashboard TEXT NOT NULL,
                    last_tick TEXT NOT NULL
                );
                """)
    }
}
