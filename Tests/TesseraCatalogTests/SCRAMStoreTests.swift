import Foundation
import GRDB
import Testing
import TesseraModel

@testable import TesseraCatalog

/// The PostgreSQL endpoint's sign-in material (`v11_pg`): one salt per principal, whoever asks
/// first, and each token's SCRAM keys, listed with their token for the principal only.
@Suite struct SCRAMStoreTests {
    @Test func aPrincipalKeepsTheFirstSaltMadeForIt() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let ana = Principal.person("ana@acme.example")
        #expect(try await catalog.existingSCRAMSalt(for: ana) == nil)
        #expect(try await catalog.scramSalt(for: ana, creatingWith: [1, 2, 3]) == [1, 2, 3])
        #expect(try await catalog.scramSalt(for: ana, creatingWith: [9, 9, 9]) == [1, 2, 3])
        #expect(try await catalog.existingSCRAMSalt(for: ana) == [1, 2, 3])
        #expect(try await catalog.scramSalt(for: .service("etl"), creatingWith: [4]) == [4])
        await #expect(throws: CatalogError.self) {
            try await catalog.scramSalt(for: .domain("sales"), creatingWith: [5])
        }
    }

    @Test func tokenKeysComeBackWithTheirTokenForThatPrincipalOnly() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let mine = TokenText.generate(), theirs = TokenText.generate(), old = TokenText.generate()
        try await catalog.createToken(TokenStoreTests.record(mine))
        try await catalog.createToken(TokenStoreTests.record(theirs, .service("etl")))
        try await catalog.createToken(TokenStoreTests.record(old))
        let keys = TokenSCRAMKeys(iterations: 4096, storedKey: Array(repeating: 1, count: 32), serverKey: [2])
        try await catalog.recordTokenSCRAMKeys(tokenID: mine.id, keys: keys)
        try await catalog.recordTokenSCRAMKeys(tokenID: theirs.id, keys: keys)
        let found = try await catalog.tokenSCRAMKeys(for: .person("ana@acme.example"))
        #expect(found.map(\.0.id) == [mine.id])
        #expect(found.first?.1 == keys)
        #expect(try await catalog.tokenSCRAMKeys(for: .service("etl")).map(\.0.id) == [theirs.id])
    }
}
