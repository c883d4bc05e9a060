import Testing
@testable import DuckDB

@Test func linksDuckDB200() {
    #expect(duckDBLibraryVersion() == "v2.0.0")
}
