import Testing
import TesseraModel

@testable import TesseraCore

/// Parameters in a chart's SQL become literals; quoted text and comments stay as written; an
/// unknown parameter is reported at its place.
@Suite struct DashboardSQLTests {
    static let range =
        DateRangeText.Day(year: 2026, month: 1, day: 1)...DateRangeText.Day(year: 2026, month: 3, day: 31)

    @Test func parametersBecomeLiteralsOutsideQuotesAndComments() throws {
        let sql = """
            select '@region' as "@odd", day from sales.orders -- @nothing here
            where region = @region and day between @period.start and @period.end
            """
        let result = DashboardSQL.substitute(
            sql, values: ["region": .text("it's north"), "period": .dates(Self.range)])
        let text = try result.get()
        #expect(text.contains("select '@region' as \"@odd\""))
        #expect(text.contains("-- @nothing here"))
        #expect(text.contains("region = 'it''s north'"))
        #expect(text.contains("between DATE '2026-01-01' and DATE '2026-03-31'"))
    }

    @Test func anUnknownParameterOrABareRangeIsAProblemAtItsOffset() {
        guard
            case .failure(let unknown) = DashboardSQL.substitute(
                "select @perod", values: ["period": .dates(Self.range)])
        else {
            Issue.record("an unknown parameter was accepted")
            return
        }
        #expect(unknown.offset == 7)
        #expect(unknown.message == "unknown parameter '@perod'")
        #expect(unknown.hint?.contains("@period") == true)
        guard
            case .failure(let bare) = DashboardSQL.substitute("select @period", values: ["period": .dates(Self.range)])
        else {
            Issue.record("a date range without .start or .end was accepted")
            return
        }
        #expect(bare.message.contains("@period.start or @period.end"))
    }
}
