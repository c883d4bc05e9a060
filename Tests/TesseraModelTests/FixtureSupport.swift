import Foundation
import Testing
@testable import TesseraModel

/// The root of a fixture project under Fixtures/ (copied into the test bundle).
func fixtureURL(_ name: String) throws -> URL {
    let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return fixtures.appendingPathComponent(name)
}

let fixtureEnvironment = [
    "SHOP_DB_URL": "postgres://shop:s3cret-pass@db.internal:5432/shop",
    "EVENTS_TOKEN": "tok-9f8e7d",
]

func loadFixture(_ name: String, environment: [String: String] = fixtureEnvironment) throws -> ProjectLoadResult {
    ProjectLoader(root: try fixtureURL(name), environment: environment).load()
}

/// Loading plus governance, as `tessera validate` reports them.
func validateFixture(_ name: String, environment: [String: String] = fixtureEnvironment) throws -> [Diagnostic] {
    let result = try loadFixture(name, environment: environment)
    let governance = result.project.map { Governance.violations(in: $0) } ?? []
    return (result.diagnostics + governance).sortedByLocation()
}

/// `file:line:col: severity: message`, without the hint, for compact exact assertions.
func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
}
