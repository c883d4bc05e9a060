import Foundation
import GRDB
import Testing
import TesseraModel
@testable import TesseraCatalog

/// The web UI's part of the catalog: SCRAM-SHA-256 verifiers (a known answer computed by another
/// implementation, the text form, constant-time verification), passwords in the `password`
/// table (only the verifier, audited, ending the principal's sessions), and browser sessions
/// found by the hash of their id, touched, deleted and purged.
@Suite struct WebStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let ana = Principal.person("ana@acme.example")

    /// RFC 7677's salt and iteration count for the password `pencil`; the keys were computed with
    /// Python's hashlib (PBKDF2-HMAC-SHA256) and hmac, independently of this code.
    static let pencil =
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="

    @Test func aVerifierMatchesAnIndependentImplementation() throws {
        let salt = Array(try #require(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")))
        let made = try SCRAMVerifier.make(password: "pencil", salt: salt, iterations: 4096)
        #expect(made.text == Self.pencil)
        let parsed = try #require(SCRAMVerifier(parsing: Self.pencil))
        #expect(parsed == made)
        #expect(parsed.verifies(password: "pencil"))
        #expect(!parsed.verifies(password: "pencil "))
        #expect(!parsed.verifies(password: "Pencil"))
        #expect("\(parsed)" == "SCRAM-SHA-256 verifier (4096 iterations)")
    }

    @Test func malformedVerifiersAreRefused() {
        for text in [
            "", "md5abc", "SCRAM-SHA-256$4096:c2FsdA==$abc", "SCRAM-SHA-256$x:W22ZaJ0SNY7soEsUEjb6gQ==$a:b",
            Self.pencil.replacingOccurrences(of: "SCRAM-SHA-256", with: "SCRAM-SHA-1"),
            Self.pencil.replacingOccurrences(of: "$4096:", with: "$0:"),
        ] {
            #expect(SCRAMVerifier(parsing: text) == nil, "\(text)")
        }
    }

    @Test func newVerifiersAreSaltedAndSlow() throws {
        let first = try SCRAMVerifier.make(password: "correct horse battery", iterations: 4096)
        let second = try SCRAMVerifier.make(password: "correct horse battery", iterations: 4096)
        #expect(first.salt != second.salt)
        #expect(first.storedKey != second.storedKey)
        #expect(SCRAMVerifier.defaultIterations >= 100_000)
        // SASLprep's space mapping: a no-break space is an ASCII space.
        #expect(first.verifies(password: "correct\u{00A0}horse battery"))
    }

    @Test func passwordsKeepOnlyTheVerifierAndAreAudited() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await catalog.passwordVerifier(for: Self.ana) == nil)
        let verifier = try SCRAMVerifier.make(password: "a long enough secret", iterations: 4096)
        try await catalog.setPassword(verifier, for: Self.ana, by: "op@host", at: Self.now)
        #expect(try await catalog.passwordVerifier(for: Self.ana) == verifier)
        let again = try SCRAMVerifier.make(password: "another long secret", iterations: 4096)
        try await catalog.setPassword(again, for: Self.ana, by: "ana@acme.example", at: Self.now)
        #expect(try await catalog.passwordVerifier(for: Self.ana) == again)
        let entries = try await catalog.auditEntries(limit: 10, action: "password.set")
        #expect(entries.map(\.outcome) == ["changed", "set"])
        #expect(entries.allSatisfy { $0.target == "ana@acme.example" && !$0.detail.contains("SCRAM") })
        await #expect(throws: CatalogError.self) {
            try await catalog.setPassword(verifier, for: .domain("sales"), by: "op@host", at: Self.now)
        }
    }

    func session(_ id: WebSessionID, _ principal: Principal = ana, at time: Date = now) -> WebSessionRecord {
        WebSessionRecord(
            idHash: id.hash, principal: principal, via: "password", createdAt: time, lastSeenAt: time,
            expiresAt: time.addingTimeInterval(3600))
    }

    @Test func sessionsAreFoundByTheHashOfTheirIdTouchedAndDeleted() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let id = WebSessionID.generate()
        try await catalog.createWebSession(session(id))
        let stored = try #require(try await catalog.webSession(idHash: id.hash))
        #expect(stored.principal == Self.ana)
        #expect(stored.idHash != id.text)
        let raw = try DatabaseQueue(path: folder.catalogFile.path)
        let columns = try await raw.read { db in try Row.fetchAll(db, sql: "SELECT * FROM web_session") }
        #expect(!"\(columns)".contains(id.text), "the session id itself is stored")
        try await catalog.touchWebSession(idHash: id.hash, at: Self.now.addingTimeInterval(90))
        #expect(try await catalog.webSession(idHash: id.hash)?.lastSeenAt == Self.now.addingTimeInterval(90))
        #expect(try await catalog.deleteWebSession(idHash: id.hash))
        #expect(!(try await catalog.deleteWebSession(idHash: id.hash)))
        #expect(try await catalog.webSession(idHash: id.hash) == nil)
    }

    @Test func expiredAndIdleSessionsArePurgedAndANewPasswordEndsSessions() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let (old, idle, live, other) = (
            WebSessionID.generate(), WebSessionID.generate(), WebSessionID.generate(), WebSessionID.generate()
        )
        try await catalog.createWebSession(session(old, at: Self.now.addingTimeInterval(-7200)))
        var idleRecord = session(idle, at: Self.now.addingTimeInterval(-1000))
        idleRecord.expiresAt = Self.now.addingTimeInterval(9999)
        try await catalog.createWebSession(idleRecord)
        try await catalog.createWebSession(session(live))
        try await catalog.createWebSession(session(other, .person("mia@acme.example")))
        let purged = try await catalog.deleteWebSessions(
            expiredAt: Self.now, idleSince: Self.now.addingTimeInterval(-600))
        #expect(purged == 2)
        #expect(try await catalog.webSession(idHash: live.hash) != nil)
        let verifier = try SCRAMVerifier.make(password: "a long enough secret", iterations: 4096)
        try await catalog.setPassword(verifier, for: Self.ana, by: "op@host", at: Self.now)
        #expect(try await catalog.webSession(idHash: live.hash) == nil)
        #expect(try await catalog.webSession(idHash: other.hash) != nil)
    }

    @Test func aSessionsCSRFTokenIsItsOwn() throws {
        let one = WebSessionID.generate(), two = WebSessionID.generate()
        #expect(one.text.count == 43)
        #expect(one.accepts(csrfToken: one.csrfToken))
        #expect(!one.accepts(csrfToken: two.csrfToken))
        #expect(!one.accepts(csrfToken: nil))
        #expect(!one.accepts(csrfToken: ""))
        #expect(WebSessionID(parsing: one.text)?.hash == one.hash)
        #expect(WebSessionID(parsing: "short") == nil)
        #expect(WebSessionID(parsing: String(repeating: "!", count: 43)) == nil)
    }
}
