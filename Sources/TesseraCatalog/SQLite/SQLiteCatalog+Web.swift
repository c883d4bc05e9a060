import Foundation
internal import GRDB
import TesseraModel

// Passwords and browser sessions in SQLite (`password`, `web_session`, migration `v10_web`).
// Setting a password appends its audit entry in the same transaction; the entry names the
// principal, never the verifier.
extension SQLiteCatalog {
    static let webSessionColumns =
        "id_sha256, principal_kind, principal_name, via, created_at, last_seen_at, expires_at"

    public func setPassword(_ verifier: SCRAMVerifier, for principal: Principal, by actor: String, at time: Date)
        async throws(CatalogError)
    {
        guard let kind = principal.tokenKind else {
            throw CatalogError(.conflict, "\(principal) cannot hold a password: only people and services sign in")
        }
        try await writing { db in
            let existed =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM password WHERE principal_kind = ? AND principal_name = ?",
                    arguments: [kind.kind, kind.name]) == true
            try db.execute(
                sql: """
                    INSERT INTO password (principal_kind, principal_name, verifier, set_at, set_by)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (principal_kind, principal_name)
                    DO UPDATE SET verifier = excluded.verifier, set_at = excluded.set_at, set_by = excluded.set_by
                    """,
                arguments: [kind.kind, kind.name, verifier.text, time, actor])
            // Every session of the principal ends: a new password shuts out whoever had the old one.
            try db.execute(
                sql: "DELETE FROM web_session WHERE principal_kind = ? AND principal_name = ?",
                arguments: [kind.kind, kind.name])
            struct Detail: Encodable {
                var kind: String
                var set_by: String
            }
            try self.audit(
                db,
                AuditDraft(
                    action: .passwordSet, target: kind.name, outcome: existed ? "changed" : "set",
                    detail: Detail(kind: kind.kind, set_by: actor)))
        }
    }

    public func passwordVerifier(for principal: Principal) async throws(CatalogError) -> SCRAMVerifier? {
        guard let kind = principal.tokenKind else { return nil }
        let text: String? = try await reading { db in
            try String.fetchOne(
                db, sql: "SELECT verifier FROM password WHERE principal_kind = ? AND principal_name = ?",
                arguments: [kind.kind, kind.name])
        }
        guard let text else { return nil }
        guard let verifier = SCRAMVerifier(parsing: text) else {
            throw CatalogError(
                .corrupt, "the stored password of \(principal) is not a SCRAM-SHA-256 verifier",
                hint: "set it again with `tessera user set-password`.")
        }
        return verifier
    }

    public func createWebSession(_ session: WebSessionRecord) async throws(CatalogError) {
        guard let kind = session.principal.tokenKind else {
            throw CatalogError(.conflict, "\(session.principal) cannot sign in to the web UI")
        }
        try await writing { db in
            try db.execute(
                sql: "INSERT INTO web_session (\(Self.webSessionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    session.idHash, kind.kind, kind.name, session.via, session.createdAt, session.lastSeenAt,
                    session.expiresAt,
                ])
        }
    }

    public func webSession(idHash: String) async throws(CatalogError) -> WebSessionRecord? {
        try await reading { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.webSessionColumns) FROM web_session WHERE id_sha256 = ?", arguments: [idHash]
            ).map(Self.webSessionRecord(row:))
        }
    }

    public func touchWebSession(idHash: String, at time: Date) async throws(CatalogError) {
        try await writing { db in
            try db.execute(
                sql: "UPDATE web_session SET last_seen_at = ? WHERE id_sha256 = ?", arguments: [time, idHash])
        }
    }

    public func deleteWebSession(idHash: String) async throws(CatalogError) -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM web_session WHERE id_sha256 = ?", arguments: [idHash])
            return db.changesCount > 0
        }
    }

    public func deleteWebSessions(expiredAt time: Date, idleSince idle: Date) async throws(CatalogError) -> Int {
        try await writing { db in
            try db.execute(
                sql: "DELETE FROM web_session WHERE expires_at <= ? OR last_seen_at <= ?", arguments: [time, idle])
            return db.changesCount
        }
    }

    static func webSessionRecord(row: Row) throws -> WebSessionRecord {
        let kind: String = try row.decode(forColumn: "principal_kind")
        let name: String = try row.decode(forColumn: "principal_name")
        guard let principal = Principal(tokenKind: kind, name: name) else {
            throw StoredValueError(column: "web_session.principal_kind", value: kind)
        }
        return WebSessionRecord(
            idHash: try row.decode(forColumn: "id_sha256"), principal: principal, via: try row.decode(forColumn: "via"),
            createdAt: try row.decode(forColumn: "created_at"), lastSeenAt: try row.decode(forColumn: "last_seen_at"),
            expiresAt: try row.decode(forColumn: "expires_at"))
    }
}
