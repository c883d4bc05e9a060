import Foundation
import PostgresWire
import Testing
import TesseraCore
import TesseraModel

/// What the PostgreSQL endpoint checks a SCRAM proof against, through the core: one salt per
/// principal, the keys of its live tokens only (not revoked, not expired), and nothing for a name
/// the project does not declare. The keys are those a client derives from the token text.
@Suite struct SCRAMCredentialsTests {
    @Test func onlyLiveTokensOfTheDeclaredPrincipalCount() async throws {
        let setup = try TokensTests()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        let tokens = try setup.tokens()
        let now = TokensTests.now
        let ana = try tokens.principal(named: "ana@acme.example")
        let live = try await tokens.create(principal: ana, expires: nil, name: nil, now: now)
        let revoked = try await tokens.create(principal: ana, expires: nil, name: nil, now: now)
        _ = try await tokens.revoke(id: revoked.info.id, now: now)
        _ = try await tokens.create(principal: ana, expires: TimeSpan(parsing: "1h"), name: nil, now: now)
        _ = try await tokens.create(principal: .service("sales_reporting"), expires: nil, name: nil, now: now)

        let later = now.addingTimeInterval(7200)
        let credentials = try #require(try await tokens.scramCredentials(user: "ana@acme.example", now: later))
        #expect(credentials.principal == ana)
        #expect(credentials.iterations == 4096)
        #expect(credentials.secrets.map(\.label) == ["token \(live.info.id)"])
        // The stored keys are the ones a client derives from the token text with the salt.
        let salted = SCRAMKeys.saltedPassword(Array(live.text.utf8), salt: credentials.salt, iterations: 4096)
        let clientKey = SCRAMKeys.clientKey(saltedPassword: salted)
        #expect(credentials.secrets.first?.storedKey == SCRAMKeys.storedKey(clientKey: clientKey))
        #expect(credentials.secrets.first?.serverKey == SCRAMKeys.serverKey(saltedPassword: salted))
        // Each principal has its own salt.
        let service = try #require(try await tokens.scramCredentials(user: "sales_reporting", now: later))
        #expect(service.salt != credentials.salt)
        #expect(try await tokens.scramCredentials(user: "mallory@acme.example", now: later) == nil)
        #expect(try await tokens.scramCredentials(user: "carla@acme.example", now: later) == nil)
    }
}
