import Testing
@testable import TesseraModel

@Suite("SemVer")
struct SemVerTests {
    @Test func parses() throws {
        #expect(try SemVer(parsing: "1.2.3") == SemVer(major: 1, minor: 2, patch: 3))
        let full = try SemVer(parsing: "2.0.0-rc.1+build.42")
        #expect(full == SemVer(major: 2, minor: 0, patch: 0, prerelease: ["rc", "1"], build: ["build", "42"]))
        #expect(full.description == "2.0.0-rc.1+build.42")
        #expect(try SemVer(parsing: "0.0.0").description == "0.0.0")
    }

    @Test(arguments: [
        ("1.0", "expected MAJOR.MINOR.PATCH, e.g. 1.0.0"),
        ("v1.0.0", "the major version 'v1' is not a number"),
        ("1.02.0", "the minor version '02' has a leading zero"),
        ("1.0.x", "the patch version 'x' is not a number"),
        ("1..0", "the minor version is empty"),
        ("1.0.0-", "the pre-release must be dot-separated identifiers of [0-9A-Za-z-]"),
        ("1.0.0-01", "numeric pre-release identifier '01' has a leading zero"),
        ("1.0.0+a..b", "the build metadata must be dot-separated identifiers of [0-9A-Za-z-]"),
        ("", "expected MAJOR.MINOR.PATCH, e.g. 1.0.0"),
    ])
    func rejects(text: String, reason: String) {
        #expect(throws: SemVerError(text: text, reason: reason)) { try SemVer(parsing: text) }
    }

    @Test func ordersByPrecedence() throws {
        let ordered = try [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0",
        ].map { try SemVer(parsing: $0) }
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower))
        }
        #expect(!(try SemVer(parsing: "1.0.0+a") < SemVer(parsing: "1.0.0+b")))
    }
}
