import Foundation
import GRDB
import Testing
import TesseraModel
@testable import TesseraCatalog

/// Sign-in tokens in the catalog: the `v6_tokens` migration on an older file, what a row holds
/// (the secret's hash, never the secret), revocation once, and the audit entries that go with them.
@Suite struct TokenStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func record(_ text: TokenText, _ principal: Principal = .person("ana@acme.example")) -> TokenRecord {
        TokenRecord(
            id: text.id, principal: principal, name: "laptop", createdAt: now, createdBy: "op@host",
            expiresAt: now.addingTimeInterval(3600), secretHash: text.hash)
    }

    @Test func aFileOfTheReleaseBeforeTokensGetsTheTableAndKeepsItsRuns() async throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: folder.catalogFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let old = try DatabaseQueue(path: folder.catalogFile.path)
            try CatalogSchema.migrator.migrate(old, upTo: "v5_relative_paths")
            try await old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (id, environment, command, started_at, status, process_id, host)
                        VALUES ('r1', 'dev', 'run', '2026-11-23 10:15:00.000', 'succeeded', 1, 'elsewhere');
                        """)
            }
            try old.close()
        }
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await catalog.run(id: "r1")?.run.status == .succeeded)
        let text = TokenText.generate()
        try await catalog.createToken(Self.record(text))
        #expect(try await catalog.token(id: text.id)?.principal == .person("ana@acme.example"))
    }

    @Test func aRowHoldsTheHashOfTheSecretAndNeverTheSecret() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let text = TokenText.generate()
        try await catalog.createToken(Self.record(text))
        let stored = try #require(try await catalog.token(id: text.id))
        #expect(stored == Self.record(text))
        #expect(stored.secretHash.count == 64)
        #expect(text.matches(hash: stored.secretHash))
        let secret = String(text.text.dropFirst(TokenText.prefix.count + TokenText.idLength + 1))
        let dump = try await catalog.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM token").description
                + (try Row.fetchAll(db, sql: "SELECT * FROM audit_entry").description)
        }
        #expect(!dump.contains(secret))
        #expect(!dump.contains(text.text))
        #expect(dump.contains(text.id))
    }

    @Test func revokingOnceIsAuditedOnceAndUnknownIdsAreNil() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let text = TokenText.generate()
        try await catalog.createToken(Self.record(text, .service("sales_reporting")))
        let later = Self.now.addingTimeInterval(60)
        #expect(try await catalog.revokeToken(id: text.id, at: later)?.revokedAt == later)
        #expect(try await catalog.revokeToken(id: text.id, at: later.addingTimeInterval(60))?.revokedAt == later)
        #expect(try await catalog.revokeToken(id: "000000000000", at: later) == nil)
        try await catalog.recordTokenUse(id: text.id, at: later)
        #expect(try await catalog.tokens().map(\.lastUsedAt) == [later])
        let entries = try await catalog.auditEntries(limit: 10, action: nil)
        #expect(entries.map(\.action) == ["token.revoke", "token.create"])
        #expect(entries.allSatisfy { $0.target == text.id && $0.detail.contains("sales_reporting") })
        #expect(try await catalog.verifyAudit().intact)
    }

    @Test func aDuplicateIdOrAPrincipalThatCannotSignInIsRefused() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let text = TokenText.generate()
        try await catalog.createToken(Self.record(text))
        await #expect(throws: CatalogError.self) { try await catalog.createToken(Self.record(text)) }
        var domain = Self.record(TokenText.generate())
        domain.principal = .domain("sales")
        await #expect(throws: CatalogError.self) { try await catalog.createToken(domain) }
        #expect(try await catalog.tokens().count == 1)
    }
}
