import DuckDB
import Testing
import TesseraModel
@testable import TesseraSQL

@Suite struct MacroExpansionTests {
    let values = MacroValues(
        start: MacroValues.timestampLiteral("2024-01-01 00:00:00"),
        end: MacroValues.timestampLiteral("2024-01-02 00:00:00"),
        this: SQL.qualified(["main", "m"]),
        env: SQL.literal("dev")
    )

    @Test func replacesMacrosOutsideStringsAndComments() {
        let sql = "select '@start', \"@end\", @env -- @this\nfrom @this /* @start */ where t >= @start"
        let expansion = MacroExpansion.expand(sql, values: values)
        #expect(
            expansion.expandedSQL
                == "select '@start', \"@end\", 'dev' -- @this\nfrom \"main\".\"m\" /* @start */ where t >= TIMESTAMP '2024-01-01 00:00:00'"
        )
        #expect(expansion.macros == [.env, .this, .start])
        #expect(expansion.diagnostics.isEmpty)
    }

    @Test func dollarQuotedAndEscapeStringsAreNotScanned() {
        let expansion = MacroExpansion.expand("select $$ @start $$, E'it\\'s @end', @end", values: values)
        #expect(expansion.expandedSQL == "select $$ @start $$, E'it\\'s @end', TIMESTAMP '2024-01-02 00:00:00'")
        #expect(expansion.macros == [.end])
    }

    @Test func offsetMapPointsBackIntoTheOriginal() {
        let sql = "select @start,\n  x from t"
        let expansion = MacroExpansion.expand(sql, values: values)
        let expanded = Array(expansion.expandedSQL.utf8)
        // `x` in the expanded text is 'x' of line 2, column 3 in the original.
        let xOffset = expanded.lastIndex(of: UInt8(ascii: "x"))
        #expect(expansion.sourceMap.originalPosition(ofExpandedOffset: xOffset ?? 0) == (2, 3))
        // Anywhere inside the replacement maps to the `@` of the macro.
        #expect(expansion.sourceMap.originalPosition(ofExpandedOffset: 7) == (1, 8))
        #expect(expansion.sourceMap.originalPosition(ofExpandedOffset: 20) == (1, 8))
        #expect(expansion.sourceMap.originalOffset(ofExpandedOffset: 0) == 0)
        #expect(expansion.sourceMap.originalOffset(ofExpandedOffset: 10_000) == sql.utf8.count)
    }

    @Test func columnsCountUnicodeScalars() {
        let expansion = MacroExpansion.expand("select 'é', @env, x", values: values)
        let offset = Array(expansion.expandedSQL.utf8).lastIndex(of: UInt8(ascii: "x")) ?? 0
        #expect(expansion.sourceMap.originalPosition(ofExpandedOffset: offset) == (1, 19))
    }

    @Test func unknownMacroSuggestsTheClosest() {
        let expansion = MacroExpansion.expand("select *\nfrom t where a > @strat", values: values, file: "m.sql")
        #expect(
            expansion.diagnostics.map(\.description) == [
                "m.sql:2:18: error: unknown macro '@strat'\n  hint: did you mean '@start'? The macros are @start, @end, @this, @env"
            ])
        #expect(expansion.expandedSQL.hasSuffix("@strat"))
        #expect(expansion.macros.isEmpty)
    }

    @Test func absoluteValueOperatorWithASpaceIsNotAMacro() {
        let expansion = MacroExpansion.expand("select @ x, a @> b", values: values)
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.expandedSQL == "select @ x, a @> b")
    }

    @Test func statementStartsIgnoreTrailingSemicolonsAndComments() {
        let starts = SQLAnalyzer.statementStarts(SQLLexer.tokens("select ';'; -- x\n ; /* ; */"))
        #expect(starts == [0])
        #expect(SQLAnalyzer.statementStarts(SQLLexer.tokens("select 1;\nselect 2")) == [0, 10])
    }
}
