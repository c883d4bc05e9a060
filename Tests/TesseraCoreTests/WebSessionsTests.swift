import Foundation
import Testing
import TesseraCore
import TesseraModel

/// Passwords and web sessions through the core, on an in-memory catalog and an injected time:
/// who may have a password, verification (and the verifier the PostgreSQL endpoint will use),
/// sign-in by password and by token, idle and absolute expiry, CSRF tokens per session,
/// sign-out, and the audit entries of each.
@Suite struct WebSessionsTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}
        admins: [root@acme.example]

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        members:
          - {name: ana@acme.example, role: owner}
          - carla@acme.example

        """,
        "domains/sales/models/orders.sql": "select 1 as order_id\n",
    ]
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let password = "a long enough secret"

    let root: URL
    let stores = CatalogStores.inMemory()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-web-\(UUID().uuidString)")
        for (path, text) in Self.files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    func workspace() throws -> Workspace { try Workspace(root: root, stores: stores) }

    @Test func passwordsAreCheckedAndTheirVerifierIsThere() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try workspace()
        let ana = Principal.person("ana@acme.example")
        #expect(try await workspace.credentials.scramVerifier(for: ana) == nil)
        await #expect(throws: CoreError.self) { try await workspace.credentials.setPassword("short", for: ana) }
        await #expect(throws: CoreError.self) {
            try await workspace.credentials.setPassword(Self.password, for: .person("nobody@acme.example"))
        }
        // Carla is a member, not an admin: she may not set Ana's password.
        let refused = await #expect(throws: CoreError.self) {
            try await workspace.credentials.setPassword(Self.password, for: ana, by: .person("carla@acme.example"))
        }
        #expect(refused?.kind == .forbidden)
        try await workspace.credentials.setPassword(Self.password, for: ana, by: .person("root@acme.example"))
        let verifier = try #require(try await workspace.credentials.scramVerifier(for: ana))
        #expect(verifier.text.hasPrefix("SCRAM-SHA-256$\(SCRAMVerifier.defaultIterations):"))
        #expect(try await workspace.credentials.verifyPassword(Self.password, for: ana))
        #expect(!(try await workspace.credentials.verifyPassword(Self.password + "x", for: ana)))
        #expect(!(try await workspace.credentials.verifyPassword(Self.password, for: .person("carla@acme.example"))))
        let entries = try await workspace.audit.entries(limit: 5, action: "password.set")
        #expect(entries.map(\.target) == ["ana@acme.example"])
    }

    @Test func aSessionLivesUntilItsIdleOrAbsoluteExpiry() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try workspace()
        try await workspace.credentials.setPassword(Self.password, for: .person("ana@acme.example"))
        let sessions = workspace.webSessions(WebSessionSettings(idle: 600, absolute: 3600, touchEvery: 60))
        #expect(try await sessions.signIn(name: "ana@acme.example", password: "wrong", from: "10.0.0.1") == nil)
        #expect(try await sessions.signIn(name: "nobody", password: Self.password, from: "10.0.0.1") == nil)
        let begun = try #require(
            try await sessions.signIn(
                name: "ana@acme.example", password: Self.password, from: "10.0.0.1", now: Self.now))
        #expect(begun.session.principal == .person("ana@acme.example"))
        #expect(begun.session.accepts(csrfToken: begun.session.csrfToken))
        #expect(!begun.session.accepts(csrfToken: "forged"))

        // Active every 5 minutes: alive past the idle span, until the absolute expiry.
        var time = Self.now
        for _ in 0..<11 {
            time += 300
            #expect(try await sessions.session(cookie: begun.cookieValue, now: time) != nil, "\(time)")
        }
        #expect(try await sessions.session(cookie: begun.cookieValue, now: Self.now + 3600) == nil)
        // Ended: it does not come back at an earlier time either (it was deleted).
        #expect(try await sessions.session(cookie: begun.cookieValue, now: Self.now + 60) == nil)

        let idle = try #require(
            try await sessions.signIn(
                name: "ana@acme.example", password: Self.password, from: "10.0.0.1", now: Self.now))
        #expect(try await sessions.session(cookie: idle.cookieValue, now: Self.now + 599) != nil)
        #expect(try await sessions.session(cookie: idle.cookieValue, now: Self.now + 599 + 600) == nil)
        #expect(try await sessions.session(cookie: "not a session", now: Self.now) == nil)
        #expect(try await sessions.session(cookie: nil, now: Self.now) == nil)
    }

    @Test func tokensSignInAndSignOutEndsTheSessionAndEverythingIsAudited() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try workspace()
        let token = try await workspace.tokens.create(
            principal: .person("carla@acme.example"), expires: nil, name: nil, now: Self.now)
        let sessions = workspace.webSessions()
        let begun = try await sessions.signIn(token: token.text, from: "10.0.0.2", now: Self.now).get()
        #expect(begun.session.principal == .person("carla@acme.example"))
        #expect(begun.session.via == "token:\(token.info.id)")
        guard case .failure(.malformed) = try await sessions.signIn(token: "tsr_nope", from: "10.0.0.2") else {
            Issue.record("a malformed token signed in")
            return
        }
        let other = try await sessions.signIn(token: token.text, from: "10.0.0.2", now: Self.now).get()
        #expect(begun.session.csrfToken != other.session.csrfToken)
        try await sessions.signOut(cookie: begun.cookieValue, from: "10.0.0.2")
        #expect(try await sessions.session(cookie: begun.cookieValue, now: Self.now + 1) == nil)
        #expect(try await sessions.session(cookie: other.cookieValue, now: Self.now + 1) != nil)

        let signIns = try await workspace.audit.entries(limit: 10, action: "web.sign_in")
        #expect(signIns.map(\.outcome) == ["signed in", "refused", "signed in"])
        #expect(signIns.allSatisfy { $0.detail.contains("10.0.0.2") && !$0.detail.contains(token.text) })
        let signOuts = try await workspace.audit.entries(limit: 10, action: "web.sign_out")
        #expect(signOuts.map(\.target) == ["carla@acme.example"])
    }
}
