import Foundation
internal import GRDB
import TesseraModel

// The automation's node states and decisions in SQLite (migration `v7_automation`; see
// `SQLiteCatalog+Automation` for the queue).
extension SQLiteCatalog {
    public func automationNodes() async throws(CatalogError) -> [AutomationNodeRecord] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT node, state, updated_at FROM automation_node ORDER BY node").compactMap {
                row in
                let text: String = try row.decode(forColumn: "node")
                guard let node = NodeID(id: text) else { return nil }  // a node this binary cannot name
                return AutomationNodeRecord(
                    node: node, json: try row.decode(forColumn: "state"),
                    updatedAt: try row.decode(forColumn: "updated_at"))
            }
        }
    }

    public func recordAutomationNodes(_ nodes: [AutomationNodeRecord]) async throws(CatalogError) {
        try await writing { db in try Self.upsertNodes(db, nodes) }
    }

    public func commitAutomationTick(_ tick: AutomationTick) async throws(CatalogError) -> [QueuedRun] {
        try await writing { db in
            try Self.upsertNodes(db, tick.states)
            try Self.recordDecisions(db, tick.decisions)
            return try tick.enqueue.compactMap { run in try Self.insertQueued(db, run) == nil ? run : nil }
        }
    }

    public func latestDecisions(node: NodeID?) async throws(CatalogError) -> [AutomationDecisionRecord] {
        try await reading { db in
            let rows =
                if let node {
                    try Row.fetchAll(db, sql: "SELECT * FROM automation_decision WHERE node = ?", arguments: [node.id])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM automation_decision ORDER BY node")
                }
            return try rows.compactMap(Self.decision(row:))
        }
    }

    public func decisionHistory(node: NodeID, limit: Int) async throws(CatalogError) -> [AutomationDecisionRecord] {
        try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM automation_decision_history WHERE node = ?
                    ORDER BY evaluated_at DESC, rowid DESC LIMIT ?
                    """, arguments: [node.id, max(0, limit)]
            ).compactMap(Self.decision(row:))
        }
    }

    static func upsertNodes(_ db: Database, _ nodes: [AutomationNodeRecord]) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO automation_node (node, state, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(node) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """)
        for node in nodes { try statement.execute(arguments: [node.node.id, node.json, node.updatedAt]) }
    }

    /// Replaces the latest decision of each node given (a tick gives those that changed); one that
    /// changed the verdict or the reason also goes into the history, which keeps the newest
    /// `decisionHistoryLimit` per node.
    static func recordDecisions(_ db: Database, _ decisions: [AutomationDecisionRecord]) throws {
        let previous = try db.cachedStatement(sql: "SELECT verdict, reason FROM automation_decision WHERE node = ?")
        let latest = try db.cachedStatement(
            sql: """
                INSERT INTO automation_decision (node, evaluated_at, verdict, reason, decision) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(node) DO UPDATE SET evaluated_at = excluded.evaluated_at, verdict = excluded.verdict,
                    reason = excluded.reason, decision = excluded.decision
                """)
        let history = try db.cachedStatement(
            sql:
                "INSERT INTO automation_decision_history (node, evaluated_at, verdict, reason, decision) VALUES (?, ?, ?, ?, ?)"
        )
        let trim = try db.cachedStatement(
            sql: """
                DELETE FROM automation_decision_history WHERE node = ? AND rowid NOT IN (
                    SELECT rowid FROM automation_decision_history WHERE node = ? ORDER BY rowid DESC LIMIT ?)
                """)
        for decision in decisions {
            let arguments: StatementArguments = [
                decision.node.id, decision.evaluatedAt, decision.verdict, decision.reason, decision.json,
            ]
            let before = try Row.fetchOne(previous, arguments: [decision.node.id])
            try latest.execute(arguments: arguments)
            if let before, (before["verdict"] as String?) == decision.verdict,
                (before["reason"] as String?) == decision.reason
            {
                continue
            }
            try history.execute(arguments: arguments)
            try trim.execute(arguments: [decision.node.id, decision.node.id, decisionHistoryLimit])
        }
    }

    static func decision(row: Row) throws -> AutomationDecisionRecord? {
        let text: String = try row.decode(forColumn: "node")
        guard let node = NodeID(id: text) else { return nil }
        return AutomationDecisionRecord(
            node: node, evaluatedAt: try row.decode(forColumn: "evaluated_at"),
            verdict: try row.decode(forColumn: "verdict"), reason: try row.decode(forColumn: "reason"),
            json: try row.decode(forColumn: "decision"))
    }
}
