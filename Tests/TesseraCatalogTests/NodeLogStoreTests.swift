import Foundation
import Testing
@testable import TesseraCatalog

/// Each node's log lines in a run (`v13_node_logs`): kept in the order logged, read per node or
/// for the whole run, sample rows apart from the text, a batch written twice kept once, and
/// nothing logged for a run that was never started.
@Suite struct NodeLogStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func line(_ sequence: Int, _ node: String, _ text: String, samples: [String] = []) -> NodeLogRecord {
        NodeLogRecord(
            runID: "r1", sequence: sequence, node: node, loggedAt: start.addingTimeInterval(Double(sequence)),
            level: samples.isEmpty ? .info : .error, text: text, samples: samples, sampleRows: samples.count)
    }

    @Test func linesAreReadBackInOrderPerNodeOrForTheRun() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.startRun(
            RunRecord(id: "r1", environment: "dev", command: "run", selector: nil, arguments: [], startedAt: Self.start)
        )
        let first = [Self.line(0, "model.sales.a", "start build"), Self.line(1, "product.sales.b", "start publish")]
        let second = [
            Self.line(2, "product.sales.b", "✗ checks: 1 failed", samples: ["e.g. id", "42"]),
            Self.line(3, "model.sales.a", "succeeded"),
        ]
        try await catalog.appendNodeLog(first)
        try await catalog.appendNodeLog(second)
        try await catalog.appendNodeLog(second)
        let all = try await catalog.nodeLog(runID: "r1", node: nil)
        #expect(all.map(\.sequence) == [0, 1, 2, 3])
        let product = try await catalog.nodeLog(runID: "r1", node: "product.sales.b")
        #expect(product.map(\.text) == ["start publish", "✗ checks: 1 failed"])
        #expect(product.last?.samples == ["e.g. id", "42"])
        #expect(product.last?.level == .error)
        #expect(product.last?.loggedAt == Self.start.addingTimeInterval(2))
        #expect(try await catalog.nodeLog(runID: "r2", node: nil).isEmpty)
    }

    @Test func aRunNeverStartedGetsNoLog() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        await #expect(throws: CatalogError.self) { try await catalog.appendNodeLog([Self.line(0, "model.a.b", "x")]) }
        #expect(try await catalog.nodeLog(runID: "r1", node: nil).isEmpty)
    }
}
