import TesseraModel
import Foundation
@testable import TesseraCatalog

/// Records with whole-second dates: the catalog stores milliseconds, so equality holds after a round trip.
enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_795_428_900)  // 2026-11-23 10:15:00 UTC

    static func run(
        _ id: String, environment: String = "dev", command: String = "run", at offset: TimeInterval = 0,
        processID: Int32 = ProcessLiveness.currentProcessID, host: String = ProcessLiveness.currentHost
    ) -> RunRecord {
        RunRecord(
            id: id, environment: environment, command: command, selector: "+sales.orders",
            arguments: ["--threads", "4"], startedAt: start.addingTimeInterval(offset),
            processID: processID, host: host)
    }

    static func node(
        _ runID: String, _ name: String, _ status: NodeStatus = .pending,
        kind: NodeKind = .model
    ) -> NodeRunRecord {
        NodeRunRecord(runID: runID, node: name, kind: kind, status: status)
    }

    static func snapshot(
        _ id: String, product: String = "sales.orders", at offset: TimeInterval = 0,
        runID: String? = nil, version: String = "1.0.0", contract: String? = nil
    ) -> SnapshotRecord {
        SnapshotRecord(
            product: product, id: id, version: version, createdAt: start.addingTimeInterval(offset),
            rows: 42, bytes: 4_096, files: 1, path: "/lake/sales/orders/\(id)", runID: runID,
            contract: contract)
    }

    static func check(
        _ name: String, on snapshotID: String, product: String = "sales.orders",
        status: String = "passed", runID: String? = nil, at offset: TimeInterval = 0
    ) -> CheckRunRecord {
        CheckRunRecord(
            snapshotID: snapshotID, product: product, runID: runID,
            checkedAt: start.addingTimeInterval(offset), name: name, kind: "unique", severity: "error",
            status: status, failingRows: status == "passed" ? 0 : 3, observed: "3",
            message: status == "passed" ? "" : "3 duplicate order_id values",
            samplesJSON: #"[{"order_id":7}]"#, durationMs: 12,
            location: "domains/sales/products/orders.yaml:14:5")
    }

    /// The pid of a process that has exited and been reaped: certainly not alive right now.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
