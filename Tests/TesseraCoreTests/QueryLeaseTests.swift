import Foundation
import Testing
import TesseraCatalog
import TesseraCore
import TesseraModel

/// A query's lease on the snapshots it reads ends when the query is done, and a session's when
/// the session goes: a long-running service (`tessera serve`) that answers many queries lets
/// garbage collection remove old snapshots, and its lease table does not grow.
@Suite struct QueryLeaseTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-leases-\(UUID().uuidString)")
        var files = FrontEndTests.files
        // Keep only the current snapshot, once it is a second old.
        files["domains/sales/products/orders.yaml"]! += "retention: {keep: 1, max_age: 1s}\n"
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    /// The leases not yet ended, once the tasks ending them had time to run (they end in tasks
    /// of their own); returns as soon as the count is `expected`.
    func leases(_ workspace: Workspace, settlingAt expected: Int) async throws -> [ReadLease] {
        let catalog = try workspace.catalog()
        let deadline = Date().addingTimeInterval(10)
        var leases = try await catalog.readLeases()
        while leases.count != expected && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            leases = try await catalog.readLeases()
        }
        return leases
    }

    func publishAgain(_ workspace: Workspace, rows: String) async throws {
        let data = root.appendingPathComponent("domains/sales/data/orders.csv")
        try ("order_id,email,amount\n" + rows).write(to: data, atomically: true, encoding: .utf8)
        #expect(try await workspace.runs.run(RunOptions()).report.succeeded)
    }

    @Test func queriesAndSessionsEndTheirLeases() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        #expect(try await workspace.runs.run(RunOptions()).report.succeeded)
        let current = try #require(try await workspace.catalog().currentSnapshot(product: "sales.orders"))

        for index in 0..<20 {
            let table = try await workspace.queries.table(
                "select count(*) from sales.orders where order_id > \(index % 3)", as: .meshOperator, limit: 5)
            #expect(table.rows == [["\(3 - index % 3)"]])
        }
        let streamed = try await workspace.queries.stream(
            "select * from sales.orders", as: .domain("finance"), format: .csv
        ) { _ in }
        #expect(streamed == 3)
        // A failed query ends its lease too.
        await #expect(throws: CoreError.self) {
            try await workspace.queries.table("select nope from sales.orders", as: .meshOperator, limit: 5)
        }
        #expect(try await leases(workspace, settlingAt: 0).isEmpty)

        // A session holds one lease, on what its views read, for as long as it is open.
        var session: QuerySession? = try await workspace.queries.session(as: .meshOperator)
        let held = try await leases(workspace, settlingAt: 1)
        #expect(held.map(\.snapshotIDs) == [[current.id]])
        #expect(held.first?.processID == getpid())

        // Opened again after a publish: the fresh session's lease replaces the old one.
        try await Task.sleep(for: .milliseconds(1100))
        try await publishAgain(workspace, rows: "1,ann@example.com,10\n")
        #expect(try await session?.isCurrent() == false)
        session = try await workspace.queries.session(as: .meshOperator)
        let newCurrent = try #require(try await workspace.catalog().currentSnapshot(product: "sales.orders"))
        #expect(newCurrent.id != current.id)
        #expect(try await leases(workspace, settlingAt: 1).map(\.snapshotIDs) == [[newCurrent.id]])

        session = nil
        #expect(try await leases(workspace, settlingAt: 0).isEmpty)
    }

    /// Before, every query's lease lasted as long as the process: the first snapshot, read by
    /// the queries of this (still running) process, was kept by every later collection.
    @Test func aSnapshotReadByFinishedQueriesIsCollected() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        #expect(try await workspace.runs.run(RunOptions()).report.succeeded)
        let catalog = try workspace.catalog()
        let first = try #require(try await catalog.currentSnapshot(product: "sales.orders"))
        for _ in 0..<5 {
            _ = try await workspace.queries.table("select * from sales.orders", as: .meshOperator, limit: 10)
        }
        let orders = try #require(workspace.project.domain(named: "sales")?.product(named: "orders"))
        _ = try await workspace.queries.sample(of: orders, as: .domain("finance"), limit: 10)
        #expect(try await leases(workspace, settlingAt: 0).isEmpty)

        // A publish reads the snapshot it supersedes (to compare), which its own collection
        // therefore keeps: the next one collects the first snapshot, more than a second old.
        for rows in ["1,ann@example.com,10\n", "1,ann@example.com,10\n2,bob@example.com,20\n"] {
            try await Task.sleep(for: .milliseconds(1100))
            try await publishAgain(workspace, rows: rows)
        }
        let kept = try await catalog.snapshots(product: "sales.orders").map(\.id)
        #expect(!kept.contains(first.id))
        #expect(kept.count == 2)
        let folder = workspace.layout.productDirectory(domain: "sales", product: "orders")
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(folders.count == 2, "\(folders)")
        let table = try await workspace.queries.table("select count(*) from sales.orders", as: .meshOperator, limit: 5)
        #expect(table.rows == [["2"]])
    }
}
