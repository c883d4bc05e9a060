import Foundation
import Testing
@testable import TesseraModel

@Suite("Diagnostic")
struct DiagnosticTests {
    @Test func describesItselfAsFileLineColumn() {
        let plain = Diagnostic.error(
            "unknown key 'lod'", at: SourceLocation(file: "domains/sales/sources/orders.yaml", line: 6, column: 1))
        #expect(plain.description == "domains/sales/sources/orders.yaml:6:1: error: unknown key 'lod'")
        let hinted = Diagnostic.warning("ignored", at: .start(of: "x.yaml"), hint: "remove it")
        #expect(hinted.description == "x.yaml:1:1: warning: ignored\n  hint: remove it")
    }

    @Test func sortsByFileLineColumnAndKeepsTiesInOrder() {
        let diagnostics = [
            Diagnostic.error("b2", at: SourceLocation(file: "b.yaml", line: 2, column: 1)),
            Diagnostic.error("a10", at: SourceLocation(file: "a.yaml", line: 10, column: 1)),
            Diagnostic.error("a2-5", at: SourceLocation(file: "a.yaml", line: 2, column: 5)),
            Diagnostic.error("a2-3 first", at: SourceLocation(file: "a.yaml", line: 2, column: 3)),
            Diagnostic.warning("a2-3 second", at: SourceLocation(file: "a.yaml", line: 2, column: 3)),
        ]
        #expect(diagnostics.sortedByLocation().map(\.message) == ["a2-3 first", "a2-3 second", "a2-5", "a10", "b2"])
        #expect(diagnostics.hasErrors)
        #expect(![Diagnostic.warning("w", at: .start(of: "x"))].hasErrors)
    }

    @Test func encodesAsJSON() throws {
        let diagnostic = Diagnostic.error("m", at: SourceLocation(file: "f.yaml", line: 3, column: 4), hint: "h")
        let data = try JSONEncoder().encode(diagnostic)
        #expect(try JSONDecoder().decode(Diagnostic.self, from: data) == diagnostic)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["severity"] as? String == "error")
        #expect((object["location"] as? [String: Any])?["line"] as? Int == 3)
    }
}
