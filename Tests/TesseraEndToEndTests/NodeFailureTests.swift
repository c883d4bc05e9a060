import Foundation
import Testing

/// A failed node is reported as data — its kind, the file to fix, the message and a hint — in
/// `run --format json`, and as `file:line:col: message` under its ✗ line in text.
@Suite struct NodeFailureTests {
    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write("domains/sales/models/numbers.sql", "select range as n from range(3)\n")
        // Valid SQL that fails only when DuckDB runs it.
        try dir.write("domains/sales/models/broken.sql", "select cast('x' || n as integer) as n from numbers\n")
        return dir
    }

    @Test func aFailedBuildSaysItsKindFileAndReasonInJSON() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let nodes = try #require(report["nodes"] as? [[String: Any]])
        let broken = try #require(nodes.first { $0["id"] as? String == "model.sales.broken" })
        let failure = try #require(broken["failure"] as? [String: Any], "\(broken)")
        #expect(failure["kind"] as? String == "build")
        let location = failure["location"] as? [String: Any]
        #expect(location?["file"] as? String == "domains/sales/models/broken.sql", "as a diagnostic's: \(failure)")
        #expect((failure["message"] as? String)?.contains("Conversion Error") == true, "\(failure)")
    }

    @Test func theTextReportPutsThePlaceBeforeTheReason() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run", "--quiet"], in: dir.url)
        #expect(run.status == 1)
        #expect(run.stdout.contains("✗ sales.broken"), "\(run.stdout)")
        #expect(run.stderr.contains("domains/sales/models/broken.sql:1:1: model 'sales.broken'"), "\(run.stderr)")
    }
}
