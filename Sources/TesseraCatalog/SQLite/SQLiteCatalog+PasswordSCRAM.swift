import Foundation
internal import GRDB
import TesseraModel

// A password's SCRAM keys under its principal's SCRAM salt (`password_scram`, `v14_password_scram`).
extension SQLiteCatalog {
    public func recordPasswordSCRAMKeys(_ keys: TokenSCRAMKeys, for principal: Principal) async throws(CatalogError) {
        guard let kind = principal.tokenKind else {
            throw CatalogError(.conflict, "\(principal) cannot hold a password: only people and services sign in")
        }
        try await writing { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO password_scram (principal_kind, principal_name, iterations, stored_key, server_key)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [kind.kind, kind.name, keys.iterations, Data(keys.storedKey), Data(keys.serverKey)])
        }
    }

    public func passwordSCRAMKeys(for principal: Principal) async throws(CatalogError) -> TokenSCRAMKeys? {
        guard let kind = principal.tokenKind else { return nil }
        return try await reading { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT iterations, stored_key, server_key FROM password_scram
                    WHERE principal_kind = ? AND principal_name = ?
                    """, arguments: [kind.kind, kind.name])
            guard let row else { return nil }
            return TokenSCRAMKeys(
                iterations: try row.decode(forColumn: "iterations"),
                storedKey: Array(try row.decode(forColumn: "stored_key") as Data),
                serverKey: Array(try row.decode(forColumn: "server_key") as Data))
        }
    }
}
