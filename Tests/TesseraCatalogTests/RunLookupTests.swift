import Testing
@testable import TesseraCatalog

@Suite struct RunLookupTests {
    static let ids = ["20261123T101500Z-3f9a", "20261123T101500Z-3f9b", "20261124T080000Z-0c1d"]

    func catalogWithRuns(_ folder: TemporaryDirectory) async throws -> SQLiteCatalog {
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        for (offset, id) in Self.ids.enumerated() {
            try await catalog.startRun(Fixtures.run(id, at: Double(offset)))
        }
        return catalog
    }

    @Test func aUniquePrefixFindsTheRun() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithRuns(folder)
        #expect(try await catalog.run(id: "20261124")?.run.id == "20261124T080000Z-0c1d")
        #expect(try await catalog.run(id: "20261123T101500Z-3f9b")?.run.id == "20261123T101500Z-3f9b")
        #expect(try await catalog.run(id: " 20261123T101500Z-3f9a ")?.run.id == "20261123T101500Z-3f9a")
    }

    @Test func anAmbiguousPrefixNamesTheCandidates() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithRuns(folder)
        let error = await #expect(throws: CatalogError.self) { try await catalog.run(id: "20261123T1015") }
        #expect(error?.kind == .ambiguous)
        #expect(error?.message.contains("20261123T101500Z-3f9a, 20261123T101500Z-3f9b") == true)
        #expect(error?.hint?.contains("more characters") == true)
    }

    @Test func nothingMatchingIsNil() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await catalogWithRuns(folder)
        #expect(try await catalog.run(id: "2027") == nil)
        #expect(try await catalog.run(id: "20261123T101500Z-3f9a0") == nil)
        #expect(try await catalog.run(id: "") == nil)
    }

    /// An id that is also the prefix of a longer id is not ambiguous.
    @Test func anExactIDWinsOverLongerIDsItPrefixes() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(Fixtures.run("manual"))
        try await catalog.startRun(Fixtures.run("manual-2"))
        #expect(try await catalog.run(id: "manual")?.run.id == "manual")
    }
}
