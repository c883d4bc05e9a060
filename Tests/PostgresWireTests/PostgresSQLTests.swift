import Testing
import PostgresWire

@Suite struct PostgresSQLTests {
    @Test func quotesIdentifiers() {
        #expect(PostgresSQL.quoteIdentifier("orders") == "\"orders\"")
        #expect(PostgresSQL.quoteIdentifier("we\"ird") == "\"we\"\"ird\"")
        #expect(PostgresSQL.quoteLiteral("it's") == "'it''s'")
    }

    @Test(arguments: [
        ("public.orders", "\"public\".\"orders\""),
        ("orders", "\"orders\""),
        ("Public.Orders", "\"public\".\"orders\""),
        ("\"Sales Data\".\"Order Lines\"", "\"Sales Data\".\"Order Lines\""),
        ("\"a\"\"b\".c", "\"a\"\"b\".\"c\""),
        ("shop.public.orders_2024", "\"shop\".\"public\".\"orders_2024\""),
        ("_t$1", "\"_t$1\""),
        ("ünïcode", "\"ünïcode\""),
    ])
    func quotesQualifiedNames(_ input: String, _ expected: String) throws {
        #expect(try PostgresSQL.quoteQualifiedName(input) == expected)
    }

    @Test(arguments: ["", "a..b", "a.", "\"unclosed", "a b", "1abc", "x; drop table y", "a.b.c.d", "\"\"", "\"a\"b"])
    func rejectsNamesPostgreSQLWouldNot(_ input: String) {
        let error = #expect(throws: PostgresError.self) { try PostgresSQL.quoteQualifiedName(input) }
        #expect(error?.kind == .misuse)
    }

    @Test func writesCopyStatements() throws {
        #expect(PostgresSQL.copyToCSV(query: "select 1 ; \n") == "COPY (select 1) TO STDOUT (FORMAT csv, HEADER true)")
        #expect(
            try PostgresSQL.copyToCSV(table: "public.orders", header: false)
                == "COPY \"public\".\"orders\" TO STDOUT (FORMAT csv, HEADER false)")
    }
}
