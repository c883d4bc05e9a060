import Testing
@testable import TesseraTransform

@Suite("Materialize: the model's query, nested")
struct ModelQueryTests {
    @Test(arguments: [
        ("SELECT 1", "SELECT 1"),
        ("SELECT 1;", "SELECT 1"),
        ("SELECT 1 ;; \n-- done; really\n/* ; */ ", "SELECT 1 "),
        ("SELECT ';' AS s", "SELECT ';' AS s"),
        ("SELECT 'it''s;' AS s;", "SELECT 'it''s;' AS s"),
        ("SELECT 1 AS \";\"", "SELECT 1 AS \";\""),
        ("SELECT $$;$$ AS s; ", "SELECT $$;$$ AS s"),
        ("SELECT $1 AS p; -- x", "SELECT $1 AS p"),
        ("SELECT 1 /* ; */", "SELECT 1 /* ; */"),
        ("SELECT 1; SELECT 2", "SELECT 1; SELECT 2"),
    ])
    func finalSemicolonIsCut(sql: String, expected: String) {
        #expect(ModelQuery(sql).text == expected)
    }

    @Test func subqueryEndsOnItsOwnLine() {
        #expect(ModelQuery("SELECT 1 -- note").subquery == "(\nSELECT 1 -- note\n)")
    }
}
