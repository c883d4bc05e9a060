import Foundation
import Testing
import TesseraCatalog
import TesseraModel

/// Ranking, filters and prefixes on a fixture catalog, through the real SQLite store.
@Suite struct MetadataSearchTests {
    func catalog() async throws -> (TemporaryDirectory, SQLiteCatalog) {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        _ = try await catalog.recordMetadata(MetadataFixtures.mesh(), environment: "dev")
        return (folder, catalog)
    }

    func search(_ catalog: SQLiteCatalog, _ text: String, limit: Int = 20) async throws -> [CatalogSearchHit] {
        try await catalog.search(CatalogQuery(parsing: text), limit: limit)
    }

    @Test func aNameMatchOutranksADescriptionMatch() async throws {
        let (_, catalog) = try await catalog()
        // `revenue` is finance.revenue's name and a word of sales.orders' description.
        let hits = try await search(catalog, "revenue")
        #expect(hits.first?.name == "finance.revenue")
        #expect(hits.first?.matched.first == "name")
        let orders = try #require(hits.firstIndex { $0.name == "sales.orders" })
        #expect(orders > 0)
        #expect(hits[orders].matched == ["description"])
    }

    @Test func columnsAreFoundWithTheirAsset() async throws {
        let (_, catalog) = try await catalog()
        let hits = try await search(catalog, "email")
        let column = try #require(hits.first { $0.kind == "column" && $0.name == "sales.orders.email" })
        #expect(column.asset == MetadataFixtures.orders)
        #expect(column.column == "email")
        #expect(column.classification == "pii")
    }

    /// Searches are kept while the metadata stays as recorded: a new recording, by this handle or
    /// by another one on the same file (another process), is seen by the next search.
    @Test func aNewRecordingIsSeenByTheNextSearch() async throws {
        let (folder, catalog) = try await catalog()
        #expect(try await search(catalog, "turnover").isEmpty)
        #expect(try await search(catalog, "recognised").map(\.name) == ["finance.revenue"])
        let other = try SQLiteCatalog(file: folder.catalogFile)
        _ = try await other.recordMetadata(
            MetadataFixtures.mesh(revenueDescription: "Turnover per day."), environment: "dev")
        #expect(try await search(catalog, "turnover").map(\.name) == ["finance.revenue"])
        #expect(try await search(catalog, "recognised").isEmpty)
        _ = try await catalog.recordMetadata(MetadataFixtures.mesh(), environment: "dev")
        #expect(try await search(catalog, "turnover").isEmpty)
    }

    @Test func theLastWordIsAPrefixUnlessQuoted() async throws {
        let (_, catalog) = try await catalog()
        #expect(try await search(catalog, "reve").contains { $0.name == "finance.revenue" })
        #expect(try await search(catalog, #""reve""#).isEmpty)
        // Only the last word is a prefix: `reve orders` needs the word `reve`.
        #expect(try await search(catalog, "reve orders").isEmpty)
    }

    @Test func filtersNarrowAndMatchWholeValues() async throws {
        let (_, catalog) = try await catalog()
        let gold = try await search(catalog, "tag:gold kind:product")
        #expect(gold.map(\.name) == ["finance.revenue"])  // not sales.orders, tagged gold_tier
        #expect(try await search(catalog, "tag:gold_tier kind:product").map(\.name) == ["sales.orders"])

        let pii = try await search(catalog, "classification:pii")
        #expect(Set(pii.map(\.name)) == ["sales.orders", "sales.orders.email"])

        let byTeam = try await search(catalog, "owner:sales-data kind:product")
        #expect(byTeam.map(\.name) == ["sales.orders"])

        let inFinance = try await search(catalog, "revenue domain:finance")
        #expect(!inFinance.isEmpty)
        #expect(inFinance.allSatisfy { $0.name.hasPrefix("finance") })
    }

    @Test func filtersAloneListWhatMatchesProductsFirst() async throws {
        let (_, catalog) = try await catalog()
        let hits = try await search(catalog, "domain:sales")
        #expect(hits.first?.kind == "product")
        #expect(hits.contains { $0.kind == "domain" && $0.name == "sales" })
        #expect(hits.contains { $0.name == "sales.src.orders" })
        #expect(hits.allSatisfy { $0.score == 0 && $0.matched.isEmpty })
    }

    @Test func fts5SyntaxInWordsIsSearchedForNotParsed() async throws {
        let (_, catalog) = try await catalog()
        for text in ["AND", "orders OR", "NEAR(orders", "*", "^orders", "col:umn:x", "(", "-orders", "{name}"] {
            guard let query = try? CatalogQuery(parsing: text) else { continue }
            _ = try await catalog.search(query, limit: 5)  // never an FTS5 syntax error
        }
        #expect(try await search(catalog, "-orders").contains { $0.name == "sales.orders" })
    }

    @Test func theLimitIsHonoured() async throws {
        let (_, catalog) = try await catalog()
        #expect(try await search(catalog, "o", limit: 3).count == 3)
    }
}
