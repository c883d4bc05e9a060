import Foundation
import Synchronization
import Testing
import TesseraCore
import TesseraModel

/// A front end needs nothing but the core: this suite validates, plans, runs, queries, checks and
/// reads the catalog and lineage of a two-domain mesh through `TesseraCore` alone, as the CLI, the
/// HTTP API or the PostgreSQL endpoint would — no executable, no engine types.
@Suite struct FrontEndTests {
    static let files: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv":
            "order_id,email,amount\n1,ann@example.com,10\n2,bob@example.com,20\n3,cy@example.com,30\n",
        "domains/sales/models/orders.sql": "select order_id, email, amount::DOUBLE as amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: amount, type: DOUBLE}
        checks:
          - unique: order_id
        access:
          masks: {email: redact}

        """,
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
        "domains/finance/models/revenue.sql": "select sum(amount) as revenue, count(*) as orders from sales.orders\n",
    ]

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-core-\(UUID().uuidString)")
        for (path, text) in Self.files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    @Test func validatePlanRunQueryAndReadTheCatalogThroughTheCoreAlone() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let validation = try await ProjectValidation.run(root: root, environment: nil)
        #expect(validation.errorCount == 0, "\(validation.diagnostics)")

        let workspace = try Workspace(root: root)
        let planned = try await workspace.runs.plan(RunOptions())
        #expect(planned.plan.work.map(\.node.id).contains("product.sales.orders"))

        let run = try await workspace.runs.run(RunOptions())
        #expect(run.report.succeeded, "\(run.report.failed.map(\.outcome))")
        #expect(run.log.map { FileManager.default.fileExists(atPath: $0.path) } == true)
        #expect(try await workspace.runs.history(limit: 5).first?.run.id == run.report.runID)

        // Outside the owning domain the pii column is masked; inside it, it is not.
        let outside = try await workspace.queries.table(
            "select email from sales.orders order by order_id", as: .meshOperator, limit: 10)
        #expect(outside.rows.first?.first != "ann@example.com")
        let inside = try await workspace.queries.table(
            "select email from sales.orders order by order_id", as: .domain("sales"), limit: 10)
        #expect(inside.rows.first?.first == "ann@example.com")

        let csv = Mutex(Data())
        let rows = try await workspace.queries.stream(
            "select order_id, amount from sales.orders order by order_id",
            as: .meshOperator, format: .csv
        ) { piece in csv.withLock { $0.append(piece) } }
        #expect(rows == 3)
        #expect(csv.withLock { String(decoding: $0, as: UTF8.self) } == "order_id,amount\n1,10.0\n2,20.0\n3,30.0\n")

        let checks = try await workspace.products.check(["sales.orders"])
        #expect(checks.passed)

        let catalog = try await CatalogBrowser.open(root: root, environment: nil)
        let hits = try await catalog.search(try CatalogQuery(parsing: "orders"), limit: 5)
        #expect(hits.contains { $0.asset?.id == "product.sales.orders" })
        let lineage = try workspace.lineage.trace(.init(name: "finance.revenue", direction: .upstream))
        #expect(lineage.result.upstream.contains { $0.upstream.id == "product.sales.orders" })

        let audit = try await workspace.audit.entries(limit: 50, action: "query")
        #expect(audit.count == 3)
    }

    @Test func aDomainWithErrorsIsSetAsideAndTheRestOpens() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try "select nope from sales.missing\n".write(
            to: root.appendingPathComponent("domains/finance/models/broken.sql"),
            atomically: true, encoding: .utf8)
        let workspace = try Workspace(root: root)
        #expect(workspace.skippedDomains.map(\.name) == ["finance"])
        #expect(
            workspace.skippedDomains.first?.diagnostics.contains { $0.location.file.hasSuffix("broken.sql") } == true)
        #expect(workspace.project.domains.map(\.name) == ["sales"])
    }

    @Test func errorsOutsideEveryDomainRefuseTheProjectWithItsDiagnostics() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try "mesh: acme\ngovernance: {require_owner: sometimes}\n".write(
            to: root.appendingPathComponent("tessera.yaml"),
            atomically: true, encoding: .utf8)
        let error = #expect(throws: CoreError.self) { try Workspace(root: root) }
        #expect(error?.kind == .usage)
        #expect(error?.diagnostics.contains { $0.location.file == "tessera.yaml" } == true)
    }

    /// Cancelling the task of a run interrupts the statement DuckDB is running (no waiting for
    /// it to finish), starts nothing new, and records the run as interrupted.
    @Test func cancellingARunInterruptsItsBuilds() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try "select count(*) as n from range(1000000000000000) a\n".write(
            to: root.appendingPathComponent("domains/finance/models/slow.sql"), atomically: true, encoding: .utf8)
        try "select n from slow\n".write(
            to: root.appendingPathComponent("domains/finance/models/after_slow.sql"), atomically: true, encoding: .utf8)
        let workspace = try Workspace(root: root)
        let slowStarted = Mutex(false)
        let run = Task {
            try await workspace.runs.run(RunOptions(selection: try Selection(include: ["finance.slow+"], exclude: [])))
            { event in
                if case .node(.started(let step)) = event, step.node.name == "slow" {
                    slowStarted.withLock { $0 = true }
                }
            }
        }
        while !slowStarted.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        run.cancel()
        let report = try await run.value.report
        // Counting 10^15 rows takes days on this hardware: ending at all means interrupted;
        // the bound only keeps a broken interrupt from holding the suite for that long.
        #expect(ContinuousClock.now - cancelled < .seconds(120))
        let outcomes = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.step.node.id, $0.outcome) })
        guard case .failed(let failure)? = outcomes["model.finance.slow"] else {
            Issue.record("slow was not interrupted: \(String(describing: outcomes["model.finance.slow"]))")
            return
        }
        #expect(failure.hint?.contains("cancelled") == true, "\(failure)")
        #expect(outcomes["model.finance.after_slow"]?.status == "skipped")
        #expect(try await workspace.runs.show(report.runID).run.status == .interrupted)
    }

    /// The catalog is injected: with the in-memory store a whole run, query and search leave no
    /// catalog file behind.
    @Test func anInMemoryCatalogServesTheSameFrontEnd() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let stores = CatalogStores.inMemory()
        let workspace = try Workspace(root: root, stores: stores)
        let run = try await workspace.runs.run(RunOptions())
        #expect(run.report.succeeded)
        let table = try await workspace.queries.table(
            "select count(*) from sales.orders", as: .domain("sales"), limit: 5)
        #expect(table.rows == [["3"]])
        let catalog = try await CatalogBrowser.open(root: root, environment: nil, stores: stores)
        #expect(try await catalog.search(try CatalogQuery(parsing: "orders"), limit: 5).isEmpty == false)
        #expect(try await workspace.runs.history(limit: 5).count == 1)
        #expect(!FileManager.default.fileExists(atPath: workspace.layout.catalogFile.path))
    }

    /// A sample read again answers from what the principal already read of the same snapshot —
    /// still masked for them, still audited each time — and a new snapshot is read afresh.
    @Test func samplesAreMaskedAuditedAndFollowTheCurrentSnapshot() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        #expect(try await workspace.runs.run(RunOptions()).report.succeeded)
        let orders = try #require(workspace.project.domain(named: "sales")?.product(named: "orders"))
        let outside = try await workspace.queries.sample(of: orders, as: .domain("finance"), limit: 10)
        let again = try await workspace.queries.sample(of: orders, as: .domain("finance"), limit: 10)
        let inside = try await workspace.queries.sample(of: orders, as: .domain("sales"), limit: 10)
        let email = try #require(outside.columns.firstIndex(of: "email"))
        #expect(outside.rows.count == 3 && again.rows == outside.rows)
        #expect(!outside.rows.contains { $0[email]?.contains("@") == true })
        #expect(inside.rows.contains { $0[email] == "ann@example.com" })
        let queries = try await workspace.audit.entries(limit: 10, action: "query")
        #expect(queries.filter { $0.detail.contains("finance") }.count == 2)

        let data = root.appendingPathComponent("domains/sales/data/orders.csv")
        try "order_id,email,amount\n1,ann@example.com,10\n".write(to: data, atomically: true, encoding: .utf8)
        #expect(try await workspace.runs.run(RunOptions()).report.succeeded)
        #expect(try await workspace.queries.sample(of: orders, as: .domain("finance"), limit: 10).rows.count == 1)
    }

    @Test func pagesOpenedAtOnceShareOneSampleReadAndAreEachAudited() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        #expect(try await workspace.runs.run(RunOptions()).report.succeeded)
        let orders = try #require(workspace.project.domain(named: "sales")?.product(named: "orders"))
        let samples = try await withThrowingTaskGroup(of: Queries.Table.self) { group in
            for _ in 0..<12 {
                group.addTask { try await workspace.queries.sample(of: orders, as: .domain("finance"), limit: 5) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(samples.count == 12 && Set(samples.map(\.rows)).count == 1 && samples[0].rows.count == 3)
        let queries = try await workspace.audit.entries(limit: 50, action: "query")
        #expect(queries.filter { $0.detail.contains("finance") }.count == 12)
    }

    @Test func ingestIsARunInTheHistory() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        let result = try await workspace.runs.ingest(.init())
        #expect(result.loads.count == 1)
        let detail = try await workspace.runs.show(result.runID)
        #expect(detail.run.command == "ingest")
        #expect(detail.nodes.map(\.node) == ["source.sales.orders"])
    }
}

@Suite struct TimestampsTests {
    @Test func isoTimesAreWhatISO8601DateFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in [0, 1_765_027_052.604, 1_765_027_052.25, 1_765_027_052.999] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamps.iso(date) == formatter.string(from: date))
        }
    }
}
