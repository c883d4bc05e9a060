import Foundation
import Testing

/// A project's state folder is relocatable: the catalog records paths below the environment folder,
/// so a moved project works where it is, and a copy (`cp -a`) reads, writes and collects only its
/// own files, never the original's.
@Suite(.serialized) struct RelocatableStateTests {
    static let files: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: append}\n",
        "domains/sales/data/1.csv": "order_id,email,status,amount\n1,ann@example.com,placed,10\n",
        "domains/sales/models/orders.sql": "select order_id, email, status, amount::DOUBLE as amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: status, type: VARCHAR}
            - {name: amount, type: DOUBLE}
        access: {readers: [finance], masks: {email: redact}}
        retention: {keep: 1, max_age: 1s}

        """,
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
        "domains/finance/models/revenue.sql": "select count(*) as orders from sales.orders\n",
        "domains/finance/models/revenue.yaml": "materialized: view\n",
    ]

    /// Adds one order and runs: a new snapshot of sales.orders, and retention of the older ones
    /// (older than `max_age: 1s`, past `keep: 1`).
    func publish(_ order: Int, in project: URL) async throws {
        try await Task.sleep(for: .milliseconds(1100))
        try "order_id,email,status,amount\n\(order),x\(order)@example.com,placed,\(order)\n".write(
            to: project.appendingPathComponent("domains/sales/data/\(order).csv"), atomically: true, encoding: .utf8)
        let run = try await TesseraBinary.run(["run"], in: project)
        #expect(run.status == 0, "\(project.lastPathComponent): \(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("sales.orders      published"), "\(run.stdout)")
    }

    func count(_ sql: String, in project: URL, as domain: String? = nil) async throws -> String {
        let reader = domain.map { ["--as-domain", $0] } ?? []
        let query = try await TesseraBinary.run(["query", sql, "--format", "csv"] + reader, in: project)
        #expect(query.status == 0, "\(project.lastPathComponent): \(query.stdout)\(query.stderr)")
        return query.stdout
    }

    /// Every file of the project's state folder with its size and modification time.
    func state(_ project: URL) throws -> [String: String] {
        let folder = project.appendingPathComponent(".tessera")
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            files[String(url.path.dropFirst(folder.path.count))] = "\(attributes[.size] ?? 0) \(modified)"
        }
        return files
    }

    func snapshotFolders(_ project: URL) throws -> Set<String> {
        Set(
            try FileManager.default.contentsOfDirectory(
                atPath: project.appendingPathComponent(".tessera/dev/domains/sales/lake/products/orders").path))
    }

    func copy(_ from: URL, to: URL) async throws {
        let copy = try await ProcessRunner.run(URL(fileURLWithPath: "/bin/cp"), ["-a", from.path, to.path])
        #expect(copy.status == 0, "\(copy.stderr)")
    }

    /// The catalog (and its write-ahead log) mentions no project's absolute path.
    func expectNoAbsolutePaths(in project: URL, naming roots: [URL]) throws {
        for name in ["catalog.sqlite", "catalog.sqlite-wal"] {
            let file = project.appendingPathComponent(".tessera/dev/\(name)")
            guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
            for root in roots {
                #expect(bytes.range(of: Data(root.path.utf8)) == nil, "\(file.path) mentions \(root.path)")
            }
        }
    }

    @Test func aCopyAndAMovedProjectEachWorkOnTheirOwnFiles() async throws {
        let folder = try TemporaryDirectory()
        let a = folder.url.appendingPathComponent("A"), b = folder.url.appendingPathComponent("B")
        let c = folder.url.appendingPathComponent("C"), moving = folder.url.appendingPathComponent("moving")
        for (path, text) in Self.files {
            try FileManager.default.createDirectory(
                at: a.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: a.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        await #expect(try TesseraBinary.run(["run"], in: a).status == 0)
        try await publish(2, in: a)
        let firstRun = try #require(
            try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent(".tessera/dev/runs").path)
                .sorted().first?.replacingOccurrences(of: ".log", with: ""))
        try await copy(a, to: b)
        try await copy(a, to: moving)
        try FileManager.default.moveItem(at: moving, to: c)

        // B runs twice, publishing and collecting: A's state does not change at all.
        let before = try state(a)
        let published = try snapshotFolders(a)
        try await publish(3, in: b)
        try await publish(4, in: b)
        #expect(try state(a) == before)
        // B's retention did collect: its copies of A's snapshots, not A's.
        let collected = try snapshotFolders(b)
        #expect(collected.isDisjoint(with: published), "\(collected)")
        #expect(try snapshotFolders(a) == published)
        await #expect(try count("select count(*) as n from sales.orders", in: b) == "n\n4\n")
        await #expect(try count("select orders from revenue", in: b, as: "finance") == "orders\n4\n")

        // A runs: B's state does not change, and each reads its own data.
        let beforeB = try state(b)
        try await publish(5, in: a)
        #expect(try state(b) == beforeB)
        await #expect(try count("select count(*) as n from sales.orders", in: a) == "n\n3\n")

        // C, moved, before its first run there: its own snapshots, its domain's views read them.
        await #expect(try count("select count(*) as n from sales.orders", in: c) == "n\n2\n")
        await #expect(try count("select orders from revenue", in: c, as: "finance") == "orders\n2\n")
        let check = try await TesseraBinary.run(["check"], in: c)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let shown = try await TesseraBinary.run(["runs", "show", firstRun], in: c)
        #expect(shown.status == 0, "\(shown.stdout)\(shown.stderr)")
        try await publish(6, in: c)
        await #expect(try count("select count(*) as n from sales.orders", in: c) == "n\n3\n")
        await #expect(try count("select orders from revenue", in: c, as: "finance") == "orders\n3\n")

        for project in [a, b, c] {
            try expectNoAbsolutePaths(in: project, naming: [a, b, c, moving])
        }
    }

    /// An absolute `state_dir` stays where it is when the project moves: the moved project finds
    /// it, and its catalog records paths below the environment folder there too.
    @Test func anAbsoluteStateFolderServesTheProjectWhereverItIs() async throws {
        let folder = try TemporaryDirectory()
        let state = folder.url.appendingPathComponent("state"), a = folder.url.appendingPathComponent("A")
        for (path, text) in Self.files {
            let body = path == "tessera.yaml" ? text + "state_dir: \(state.path)\n" : text
            try FileManager.default.createDirectory(
                at: a.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try body.write(to: a.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        await #expect(try TesseraBinary.run(["run"], in: a).status == 0)
        try await publish(2, in: a)
        let moved = folder.url.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: a, to: moved)
        await #expect(try count("select count(*) as n from sales.orders", in: moved) == "n\n2\n")
        try await publish(3, in: moved)
        await #expect(try count("select orders from revenue", in: moved, as: "finance") == "orders\n3\n")
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("dev/catalog.sqlite").path))
        for name in ["catalog.sqlite", "catalog.sqlite-wal"] {
            let bytes = FileManager.default.contents(atPath: state.appendingPathComponent("dev/\(name)").path) ?? Data()
            #expect(bytes.range(of: Data(state.path.utf8)) == nil, "\(name) mentions \(state.path)")
        }
    }
}
