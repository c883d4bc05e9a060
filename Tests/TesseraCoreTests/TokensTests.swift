import Foundation
import Testing
import TesseraCatalog
import TesseraCore
import TesseraModel

/// Sign-in tokens through the core, on an in-memory catalog: who may hold one, each way a bearer
/// token fails (missing, malformed, unknown, expired, revoked, undeclared), expiry on an injected
/// time, revocation, the audit log, and the throttle of failed sign-ins.
@Suite struct TokensTests {
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
        services: [sales_reporting]

        """,
        "domains/sales/models/orders.sql": "select 1 as order_id\n",
    ]
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    let root: URL
    let stores = CatalogStores.inMemory()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-tokens-\(UUID().uuidString)")
        for (path, text) in Self.files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func tokens() throws -> Tokens { try Workspace(root: root, stores: stores).tokens }

    func signIn(_ header: String?, at time: Date = now) async throws -> Result<SignedIn, SignInFailure> {
        try await tokens().authenticate(bearer: header, now: time)
    }

    /// A service keeps a checked token for `SignInCache.freshFor` seconds: its secret and expiry
    /// are still checked on every request, a revocation by another process (another workspace on
    /// the same catalog) is seen once the entry is that old, one by the same workspace at once.
    @Test func aSignInIsKeptForSecondsAndARevocationElsewhereIsSeenAfterThem() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let service = try tokens(), cli = try tokens()
        let ana = try cli.principal(named: "ana@acme.example")
        let kept = try await cli.create(principal: ana, expires: TimeSpan(parsing: "1h"), name: nil, now: Self.now)
        let header = "Bearer \(kept.text)"
        #expect(try await service.authenticate(bearer: header, now: Self.now).get().tokenID == kept.info.id)
        _ = try await cli.revoke(id: kept.info.id, now: Self.now)
        let soon = Self.now.addingTimeInterval(Tokens.signInKeptFor / 2)
        #expect(try await service.authenticate(bearer: header, now: soon).get().tokenID == kept.info.id)
        #expect(
            try await service.authenticate(bearer: "Bearer \(kept.text.dropLast())x", now: soon) == .failure(.unknown))
        let later = Self.now.addingTimeInterval(Tokens.signInKeptFor)
        #expect(try await service.authenticate(bearer: header, now: later) == .failure(.revoked(id: kept.info.id)))

        let other = try await cli.create(principal: ana, expires: TimeSpan(parsing: "1h"), name: nil, now: Self.now)
        #expect(
            try await service.authenticate(bearer: "Bearer \(other.text)", now: Self.now).get().tokenID == other.info.id
        )
        _ = try await service.revoke(id: other.info.id, now: Self.now)
        #expect(
            try await service.authenticate(bearer: "Bearer \(other.text)", now: Self.now)
                == .failure(.revoked(id: other.info.id)))
        let expired = Self.now.addingTimeInterval(3600)
        let third = try await cli.create(principal: ana, expires: TimeSpan(parsing: "1h"), name: nil, now: Self.now)
        #expect(
            try await service.authenticate(bearer: "Bearer \(third.text)", now: expired.addingTimeInterval(-1)).get()
                .tokenID == third.info.id)
        #expect(
            try await service.authenticate(bearer: "Bearer \(third.text)", now: expired)
                == .failure(.expired(id: third.info.id)))
    }

    @Test func aTokenSignsItsPrincipalInAndIsListedWithoutItsSecret() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let tokens = try tokens()
        let created = try await tokens.create(
            principal: tokens.principal(named: "ana@acme.example"), expires: nil, name: "laptop", now: Self.now)
        #expect(created.text.hasPrefix("tsr_\(created.info.id)_"))
        #expect("\(created)" == "token \(created.info.id)")
        let signedIn = try await signIn("Bearer \(created.text)", at: Self.now.addingTimeInterval(5))
        #expect(try signedIn.get() == SignedIn(principal: .person("ana@acme.example"), tokenID: created.info.id))
        let listed = try await tokens.list(now: Self.now.addingTimeInterval(10))
        #expect(listed.map(\.id) == [created.info.id])
        #expect(listed.first?.lastUsedAt == Self.now.addingTimeInterval(5))
        #expect(listed.first?.status == .active)
        #expect(listed.first?.name == "laptop")
        // A service is found by its name, and signs in as the service.
        let service = try await tokens.create(
            principal: tokens.principal(named: "sales_reporting"), expires: nil, name: nil, now: Self.now)
        #expect(try await signIn("bearer  \(service.text)").get().principal == .service("sales_reporting"))
    }

    @Test func eachFailureIsItsOwnCase() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let tokens = try tokens()
        let ana = try await tokens.create(
            principal: .person("ana@acme.example"), expires: TimeSpan(parsing: "1h"), name: nil, now: Self.now)
        let id = ana.info.id
        #expect(try await signIn(nil) == .failure(.missing))
        #expect(try await signIn("  ") == .failure(.missing))
        #expect(try await signIn("Basic \(ana.text)") == .failure(.malformed))
        #expect(try await signIn("Bearer") == .failure(.malformed))
        #expect(try await signIn("Bearer not-a-token") == .failure(.malformed))
        #expect(try await signIn("Bearer \(ana.text)x") == .failure(.malformed))
        // Well formed, but never made; and the right id with another secret.
        let stranger = TokenText.generate().text
        #expect(try await signIn("Bearer \(stranger)") == .failure(.unknown))
        let forged = "tsr_\(id)_" + stranger.suffix(43)
        #expect(try await signIn("Bearer \(forged)") == .failure(.unknown))
        // Expiry, on the injected time: valid until the hour is up, not a moment after.
        #expect(try await signIn("Bearer \(ana.text)", at: Self.now.addingTimeInterval(3599)).get().tokenID == id)
        #expect(
            try await signIn("Bearer \(ana.text)", at: Self.now.addingTimeInterval(3600)) == .failure(.expired(id: id)))
        #expect(try await tokens.list(now: Self.now.addingTimeInterval(3600)).first?.status == .expired)
        // Revoked wins over expired, and is said as such.
        _ = try await tokens.revoke(id: id, now: Self.now.addingTimeInterval(10))
        #expect(try await signIn("Bearer \(ana.text)") == .failure(.revoked(id: id)))
        #expect(try await tokens.list(now: Self.now).first?.status == .revoked)
        let codes = [
            SignInFailure.missing, .malformed, .unknown, .expired(id: id), .revoked(id: id), .undeclared(id: id),
        ]
        #expect(Set(codes.map(\.code)).count == codes.count)
        #expect(codes.allSatisfy { !$0.description.contains(ana.text) })
    }

    @Test func aTokenStopsWorkingWhenItsPrincipalIsNoLongerDeclared() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let carla = try await tokens().create(
            principal: .person("carla@acme.example"), expires: nil, name: nil, now: Self.now)
        #expect(try await signIn("Bearer \(carla.text)").get().principal == .person("carla@acme.example"))
        try write(
            "domains/sales/domain.yaml",
            "owner: sales@acme.example\nmembers: [{name: ana@acme.example, role: owner}]\nservices: [sales_reporting]\n"
        )
        #expect(try await signIn("Bearer \(carla.text)") == .failure(.undeclared(id: carla.info.id)))
    }

    @Test func onlyDeclaredPrincipalsGetTokensAndOnlyFromThoseWhoManageThem() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let tokens = try tokens()
        do {
            _ = try tokens.principal(named: "ana@acme.exmple")
            Issue.record("an undeclared principal was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.contains("Did you mean 'ana@acme.example'?"))
            #expect(error.hint?.contains("tessera.yaml") == true && error.hint?.contains("domain.yaml") == true)
        }
        #expect(try tokens.principal(named: "root@acme.example") == .person("root@acme.example"))
        await #expect(throws: CoreError.self) {
            try await tokens.create(principal: .domain("sales"), expires: nil, name: nil)
        }
        // An owner makes tokens for the domain's services and for herself; a reader only for herself.
        _ = try await tokens.create(
            principal: .service("sales_reporting"), expires: nil, name: nil, by: .person("ana@acme.example"))
        _ = try await tokens.create(
            principal: .person("carla@acme.example"), expires: nil, name: nil, by: .person("carla@acme.example"))
        do {
            _ = try await tokens.create(
                principal: .service("sales_reporting"), expires: nil, name: nil, by: .person("carla@acme.example"))
            Issue.record("a reader made a service token")
        } catch { #expect(error.kind == .forbidden) }
        let mine = try await tokens.create(
            principal: .person("ana@acme.example"), expires: nil, name: nil, by: .person("root@acme.example"))
        do {
            _ = try await tokens.revoke(id: mine.info.id, by: .person("carla@acme.example"))
            Issue.record("a reader revoked someone else's token")
        } catch { #expect(error.kind == .forbidden) }
        do {
            _ = try await tokens.revoke(id: "0123456789ab")
            Issue.record("an unknown id was revoked")
        } catch { #expect(error.kind == .usage) }
    }

    @Test func creatingAndRevokingAreAuditedWithoutTheSecret() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root, stores: stores)
        let created = try await workspace.tokens.create(
            principal: .person("ana@acme.example"), expires: nil, name: "ci", now: Self.now)
        _ = try await workspace.tokens.revoke(id: created.info.id)
        let entries = try await workspace.audit.entries(limit: 10, action: nil)
        #expect(entries.map(\.action) == ["token.revoke", "token.create"])
        #expect(entries.allSatisfy { $0.target == created.info.id && $0.detail.contains("ana@acme.example") })
        #expect(entries.allSatisfy { !$0.detail.contains(created.text) && !"\($0)".contains(created.text) })
        #expect(try await workspace.audit.verify().intact)
    }
}
