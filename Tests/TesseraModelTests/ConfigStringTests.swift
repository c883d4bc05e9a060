import Testing
@testable import TesseraModel

@Suite("ConfigString")
struct ConfigStringTests {
    @Test func resolvesReferences() {
        let (string, problems) = ConfigString.resolve(
            "postgres://${USER}:${PASS}@db/${USER}", environment: ["USER": "ann", "PASS": "hunter2"])
        #expect(problems == [])
        #expect(string.value == "postgres://ann:hunter2@db/ann")
        #expect(string.variables == ["USER", "PASS"])
        #expect(string.isSecret)
        #expect(string.description == "postgres://${USER}:${PASS}@db/${USER}")
        #expect("\(string)" == "postgres://${USER}:${PASS}@db/${USER}")
        #expect(String(reflecting: string) == "\"postgres://${USER}:${PASS}@db/${USER}\"")
        var dumped = ""
        dump(PostgresConnector(url: string, target: .table("t")), to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!String(reflecting: [string]).contains("hunter2"))
    }

    @Test func plainTextAndEscapes() {
        let (plain, none) = ConfigString.resolve("costs $5 or $$6", environment: [:])
        #expect(none == [])
        #expect(plain.value == "costs $5 or $6")
        #expect(!plain.isSecret)
        let literal: ConfigString = "x"
        #expect(literal.value == "x" && !literal.isSecret)
    }

    @Test func reportsEveryProblem() {
        let (string, problems) = ConfigString.resolve("${A}-${1X}-${B}-${C", environment: ["B": "b"])
        #expect(problems == [.unset("A"), .invalidReference("1X"), .unterminated])
        #expect(string.value == "--b-")
        #expect(string.variables == ["A", "B"])
    }
}
