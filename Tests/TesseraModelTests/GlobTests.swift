import Testing
@testable import TesseraModel

@Suite("Glob")
struct GlobTests {
    @Test(arguments: [
        "data/orders.csv", "data/*.csv", "data/**/*.parquet", "data/202?-*.json", "data/[abc]*.csv",
        "data/[!x]/*.csv", "data/[a-z0-9]*.csv", "data/[]]x.csv", "data/\\[literal\\].csv", "/abs/**",
    ])
    func accepts(pattern: String) throws {
        #expect(try Glob(parsing: pattern).pattern == pattern)
    }

    @Test func literalPatterns() throws {
        #expect(try Glob(parsing: "data/orders.csv").isLiteral)
        #expect(try !Glob(parsing: "data/*.csv").isLiteral)
    }

    @Test(arguments: [
        ("", "the pattern is empty", 0),
        ("data/[abc.csv", "'[' at position 6 is not closed", 5),
        ("data/[ab/c.csv", "'[' at position 6 is not closed before '/'", 5),
        ("data/abc].csv", "']' at position 9 has no matching '['", 8),
        ("data/[z-a].csv", "range 'z-a' is reversed", 6),
        ("data/***.csv", "'***' is not a wildcard (use * or **)", 5),
        ("data\\", "'\\' at the end escapes nothing", 4),
    ])
    func rejects(pattern: String, reason: String, offset: Int) {
        #expect(throws: GlobError(pattern: pattern, reason: reason, offset: offset)) { try Glob(parsing: pattern) }
    }
}
