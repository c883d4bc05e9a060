import Testing

@testable import PostgresEndpoint

@Suite struct StatementSplitterTests {
    @Test func splitsAtTheSemicolonsBetweenStatements() {
        #expect(StatementSplitter.statements("select 1; select 2") == ["select 1", "select 2"])
        #expect(StatementSplitter.statements("select 1;") == ["select 1"])
        #expect(StatementSplitter.statements(" select 1 ;; ; select 2;\n") == ["select 1", "select 2"])
        #expect(StatementSplitter.statements("select 1") == ["select 1"])
    }

    @Test func blanksAndCommentsAloneAreNoStatement() {
        #expect(StatementSplitter.statements("") == [])
        #expect(StatementSplitter.statements(" ; \n ;") == [])
        #expect(StatementSplitter.statements("-- nothing; here\n/* nor; here */ ;") == [])
        #expect(StatementSplitter.statements("select 1; -- the end;") == ["select 1"])
    }

    @Test func semicolonsInQuotesAndCommentsDoNotSplit() {
        #expect(
            StatementSplitter.statements("select 'a;b', 'it''s;'; select 2") == ["select 'a;b', 'it''s;'", "select 2"])
        #expect(
            StatementSplitter.statements(#"select "odd;name" from t; select 2"#) == [
                #"select "odd;name" from t"#, "select 2",
            ])
        #expect(
            StatementSplitter.statements(#"select E'back\';slash'; select 2"#) == [
                #"select E'back\';slash'"#, "select 2",
            ])
        #expect(StatementSplitter.statements("select 'back\\'; select 2") == ["select 'back\\'", "select 2"])
        #expect(
            StatementSplitter.statements("select $$a;b$$, $x$ $$; $x$; select 2") == [
                "select $$a;b$$, $x$ $$; $x$", "select 2",
            ])
        #expect(
            StatementSplitter.statements("select 1 /* a /* nested; */ still; */; select 2") == [
                "select 1 /* a /* nested; */ still; */", "select 2",
            ])
        #expect(StatementSplitter.statements("select 1 -- a;\n + 1; select 2") == ["select 1 -- a;\n + 1", "select 2"])
    }

    @Test func aDollarThatOpensNoQuoteIsCode() {
        #expect(
            StatementSplitter.statements("select $1; select a$b$ from t; select 3") == [
                "select $1", "select a$b$ from t", "select 3",
            ])
    }
}
