import Testing
import TesseraCatalog

@Suite struct CatalogQueryTests {
    @Test func wordsFiltersAndPhrases() throws {
        let query = try CatalogQuery(
            parsing: #"net "daily revenue" TAG:Gold domain:finance owner:"finance@acme.example" rev"#)
        #expect(query.terms == [.init("net"), .init("daily revenue", quoted: true), .init("rev")])
        #expect(
            query.filters == [.init(.tag, "gold"), .init(.domain, "finance"), .init(.owner, "finance@acme.example")])
    }

    @Test func aQuotedColonIsAWord() throws {
        let query = try CatalogQuery(parsing: #""a:b""#)
        #expect(query.terms == [.init("a:b", quoted: true)])
        #expect(query.filters.isEmpty)
    }

    @Test func anUnbalancedQuoteSaysWhere() {
        #expect { try CatalogQuery(parsing: #"orders "net revenue"#) } throws: { error in
            (error as? CatalogQuery.SyntaxError)?.message == "unbalanced quote at column 8 of the query"
        }
    }

    @Test func anUnknownFilterSuggestsTheClosest() {
        #expect { try CatalogQuery(parsing: "domian:sales") } throws: { error in
            guard let error = error as? CatalogQuery.SyntaxError else { return false }
            return error.message == "unknown filter 'domian:'"
                && (error.hint ?? "").hasPrefix("did you mean 'domain:'?")
        }
    }

    @Test func filterValuesAreChecked() {
        #expect(throws: CatalogQuery.SyntaxError.self) { try CatalogQuery(parsing: "classification:secret") }
        #expect(throws: CatalogQuery.SyntaxError.self) { try CatalogQuery(parsing: "kind:table") }
        #expect(throws: CatalogQuery.SyntaxError.self) { try CatalogQuery(parsing: "tag:") }
    }
}
