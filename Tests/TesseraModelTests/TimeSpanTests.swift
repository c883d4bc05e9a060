import Testing
@testable import TesseraModel

@Suite("TimeSpan")
struct TimeSpanTests {
    @Test(arguments: [
        ("90s", 90), ("30m", 1_800), ("24h", 86_400), ("2d", 172_800), ("1w", 604_800),
        ("1h30m", 5_400), ("1d12h", 129_600), ("1w2d3h4m5s", 788_645), ("0s", 0),
    ])
    func parses(text: String, seconds: Int) throws {
        #expect(try TimeSpan(parsing: text).seconds == seconds)
    }

    @Test func printsCanonically() throws {
        #expect(try TimeSpan(parsing: "90s").description == "1m30s")
        #expect(try TimeSpan(parsing: "36h").description == "1d12h")
        #expect(TimeSpan(seconds: 0).description == "0s")
        #expect(try TimeSpan(parsing: "2d") > TimeSpan(parsing: "47h"))
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("24", "'24' has no unit (use w, d, h, m or s)"),
        ("2 days", "' ' is not a unit (use w, d, h, m or s)"),
        ("1y", "'y' is not a unit (use w, d, h, m or s)"),
        ("h", "unit 'h' has no number before it"),
        ("30m1h", "units must go from the largest to the smallest, each at most once"),
        ("1h1h", "units must go from the largest to the smallest, each at most once"),
        ("1.5h", "'.' is not a unit (use w, d, h, m or s)"),
        ("-1h", "'-' is not a unit (use w, d, h, m or s)"),
        ("99999999999999999999w", "unit 'w' has no number before it"),
        ("9999999999999999w", "it is too large"),
    ])
    func rejects(text: String, reason: String) {
        #expect(throws: TimeSpanError(text: text, reason: reason)) { try TimeSpan(parsing: text) }
    }
}
