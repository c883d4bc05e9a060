import DuckDB
import Testing

@testable import PostgresEndpoint

/// PostgreSQL's TO_DATE and TO_TIMESTAMP, as Superset's time filters write them, run on DuckDB
/// once rewritten and give what PostgreSQL gives.
@Suite struct FormattingFunctionRewriterTests {
    func value(_ sql: String) throws -> String {
        let connection = try Connection(try Database())
        let rows = try connection.rows("SELECT CAST((\(FormattingFunctionRewriter.rewrite(sql))) AS VARCHAR)")
        guard case .varchar(let text) = rows.first?.first else { return "\(rows)" }
        return text
    }

    @Test func supersetTimeFiltersRunOnDuckDB() throws {
        // What Superset's PostgreSQL engine writes for a DATE column and for a TIMESTAMP one.
        #expect(try value("TO_DATE('2026-11-29', 'YYYY-MM-DD')") == "2026-11-29")
        #expect(
            try value("to_timestamp('2026-11-29 13:04:05.250000', 'YYYY-MM-DD HH24:MI:SS.US')")
                == "2026-11-29 13:04:05.25")
        #expect(try value("To_Date('29/11/26', 'DD/MM/YY') = DATE '2026-11-29'") == "true")
    }

    @Test func rewritesOnlyCallsOfLiterals() {
        let filter = """
            SELECT region FROM sales.orders WHERE ordered_on >= TO_DATE('2026-11-29', 'YYYY-MM-DD') \
            AND ordered_on < TO_DATE('2026-12-02', 'YYYY-MM-DD')
            """
        #expect(
            FormattingFunctionRewriter.rewrite(filter) == """
                SELECT region FROM sales.orders WHERE ordered_on >= CAST(strptime('2026-11-29', '%Y-%m-%d') AS DATE) \
                AND ordered_on < CAST(strptime('2026-12-02', '%Y-%m-%d') AS DATE)
                """)
        // A column's value or a parameter is not a literal: left for DuckDB to refuse, with its message.
        #expect(FormattingFunctionRewriter.rewrite("select to_date(day, 'YYYY')") == "select to_date(day, 'YYYY')")
        #expect(FormattingFunctionRewriter.rewrite("select to_timestamp($1)") == "select to_timestamp($1)")
        #expect(FormattingFunctionRewriter.strptimeFormat("HH12:MI AM, 100%") == "%I:%M %p, 100%%")
    }
}
