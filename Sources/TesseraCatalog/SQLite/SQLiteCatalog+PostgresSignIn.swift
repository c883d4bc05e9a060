import Foundation
internal import GRDB
import TesseraModel

// The PostgreSQL endpoint's sign-in material (`scram_salt`, `token_scram`, migration `v11_pg`).
extension SQLiteCatalog {
    public func scramSalt(for principal: Principal, creatingWith fresh: [UInt8]) async throws(CatalogError) -> [UInt8] {
        guard let kind = principal.tokenKind else {
            throw CatalogError(.conflict, "\(principal) cannot sign in: only people and services do")
        }
        return try await writing { db in
            let sql = "SELECT salt FROM scram_salt WHERE principal_kind = ? AND principal_name = ?"
            if let salt = try Data.fetchOne(db, sql: sql, arguments: [kind.kind, kind.name]) { return Array(salt) }
            try db.execute(
                sql: "INSERT INTO scram_salt (principal_kind, principal_name, salt) VALUES (?, ?, ?)",
                arguments: [kind.kind, kind.name, Data(fresh)])
            return fresh
        }
    }

    public func existingSCRAMSalt(for principal: Principal) async throws(CatalogError) -> [UInt8]? {
        guard let kind = principal.tokenKind else { return nil }
        return try await reading { db in
            try Data.fetchOne(
                db, sql: "SELECT salt FROM scram_salt WHERE principal_kind = ? AND principal_name = ?",
                arguments: [kind.kind, kind.name]
            ).map(Array.init)
        }
    }

    public func recordTokenSCRAMKeys(tokenID: String, keys: TokenSCRAMKeys) async throws(CatalogError) {
        try await writing { db in
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO token_scram (token_id, iterations, stored_key, server_key) VALUES (?, ?, ?, ?)",
                arguments: [tokenID, keys.iterations, Data(keys.storedKey), Data(keys.serverKey)])
        }
    }

    public func tokenSCRAMKeys(for principal: Principal) async throws(CatalogError) -> [(TokenRecord, TokenSCRAMKeys)] {
        guard let kind = principal.tokenKind else { return [] }
        return try await reading { db in
            let columns = Self.tokenColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns.joined(separator: ", ")), s.iterations, s.stored_key, s.server_key
                    FROM token t JOIN token_scram s ON s.token_id = t.id
                    WHERE t.principal_kind = ? AND t.principal_name = ? ORDER BY t.created_at, t.id
                    """, arguments: [kind.kind, kind.name])
            return try rows.map { row in
                let keys = TokenSCRAMKeys(
                    iterations: try row.decode(forColumn: "iterations"),
                    storedKey: Array(try row.decode(forColumn: "stored_key") as Data),
                    serverKey: Array(try row.decode(forColumn: "server_key") as Data))
                return (try Self.tokenRecord(row: row), keys)
            }
        }
    }
}
