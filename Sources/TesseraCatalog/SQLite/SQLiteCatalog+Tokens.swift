import Foundation
internal import GRDB
import TesseraModel

// Sign-in tokens in SQLite (`token`, migration `v6_tokens`). Creating and revoking a token append
// their audit entries in the same transaction, so the log never misses a token nor records one
// that does not exist. The entries name the token's id and principal, never its secret or hash.
extension SQLiteCatalog {
    static let tokenColumns = """
        id, principal_kind, principal_name, name, created_at, created_by, expires_at, revoked_at, \
        last_used_at, secret_sha256
        """

    public func createToken(_ token: TokenRecord) async throws(CatalogError) {
        guard let principal = token.principal.tokenKind else {
            throw CatalogError(.conflict, "\(token.principal) cannot hold a token: only people and services sign in")
        }
        try await writing { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM token WHERE id = ?", arguments: [token.id]) == true {
                throw CatalogError(.conflict, "a token with id \(token.id) is already recorded")
            }
            try db.execute(
                sql: "INSERT INTO token (\(Self.tokenColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    token.id, principal.kind, principal.name, token.name, token.createdAt, token.createdBy,
                    token.expiresAt, token.revokedAt, token.lastUsedAt, token.secretHash,
                ])
            try self.auditToken(db, token, action: .tokenCreate, outcome: "created")
        }
    }

    public func tokens() async throws(CatalogError) -> [TokenRecord] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM token ORDER BY created_at, id")
                .map(Self.tokenRecord(row:))
        }
    }

    public func token(id: String) async throws(CatalogError) -> TokenRecord? {
        try await reading { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.tokenColumns) FROM token WHERE id = ?"), arguments: [id]
            )
            .map(Self.tokenRecord(row:))
        }
    }

    public func revokeToken(id: String, at time: Date) async throws(CatalogError) -> TokenRecord? {
        try await writing { db in
            let sql = "SELECT \(Self.tokenColumns) FROM token WHERE id = ?"
            guard var token = try Row.fetchOne(db, sql: sql, arguments: [id]).map(Self.tokenRecord(row:)) else {
                return nil
            }
            guard token.revokedAt == nil else { return token }
            try db.execute(sql: "UPDATE token SET revoked_at = ? WHERE id = ?", arguments: [time, id])
            token.revokedAt = time
            try self.auditToken(db, token, action: .tokenRevoke, outcome: "revoked")
            return token
        }
    }

    public func recordTokenUse(id: String, at time: Date) async throws(CatalogError) {
        try await writing { db in
            try db.execute(sql: "UPDATE token SET last_used_at = ? WHERE id = ?", arguments: [time, id])
        }
    }

    private func auditToken(_ db: Database, _ token: TokenRecord, action: AuditAction, outcome: String) throws {
        struct Detail: Encodable {
            var principal: String
            var kind: String
            var name: String?
            var created_by: String
            var expires_at: String?
        }
        let kind = token.principal.tokenKind
        try audit(
            db,
            AuditDraft(
                action: action, target: token.id, outcome: outcome,
                detail: Detail(
                    principal: kind?.name ?? token.principal.description, kind: kind?.kind ?? "", name: token.name,
                    created_by: token.createdBy, expires_at: token.expiresAt.map(AuditChain.timestamp))))
    }

    static func tokenRecord(row: Row) throws -> TokenRecord {
        let kind: String = try row.decode(forColumn: "principal_kind")
        let name: String = try row.decode(forColumn: "principal_name")
        guard let principal = Principal(tokenKind: kind, name: name) else {
            throw StoredValueError(column: "token.principal_kind", value: kind)
        }
        return TokenRecord(
            id: try row.decode(forColumn: "id"), principal: principal, name: row["name"],
            createdAt: try row.decode(forColumn: "created_at"), createdBy: try row.decode(forColumn: "created_by"),
            expiresAt: row["expires_at"], revokedAt: row["revoked_at"], lastUsedAt: row["last_used_at"],
            secretHash: try row.decode(forColumn: "secret_sha256"))
    }
}
