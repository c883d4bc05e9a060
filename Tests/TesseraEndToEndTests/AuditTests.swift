import Foundation
import Testing
import TesseraCatalog

/// The audit log through the real binary: every action after real runs, publishes and queries;
/// `tessera audit --verify` before and after someone edits the catalog file; and separate
/// `tessera` processes appending at once without forking the chain.
@Suite struct AuditTests {
    static let product = """
        version: 1.0.0
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: status, type: VARCHAR}
        checks:
          - accepted_values: {column: status, values: [placed, shipped]}
        access:
          masks: {email: redact}

        """
    static let files: [String: String] = [
        "tessera.yaml":
            "mesh: acme\ngovernance: {require_description: false, require_classification: false}\nadmins: [root@acme.example]\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,email,status\n1,ann@example.com,placed\n2,bob@example.com,shipped\n",
        "domains/sales/models/orders.sql": "select order_id, email, status from src.orders\n",
        "domains/sales/products/orders.yaml": product,
    ]

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    func entries(_ dir: TemporaryDirectory, _ arguments: [String] = []) async throws -> [[String: Any]] {
        let listed = try await TesseraBinary.run(
            ["audit", "--format", "json", "--limit", "1000"] + arguments, in: dir.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.stdout)")
    }

    func detail(_ entry: [String: Any]) throws -> [String: Any] {
        let text = try #require(entry["detail"] as? String)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyActionIsRecordedAndTheChainVerifies() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)

        // A new contract version and a new access policy, published by the next run.
        try dir.write(
            "domains/sales/products/orders.yaml",
            Self.product
                .replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0")
                .replacingOccurrences(
                    of: "{name: status, type: VARCHAR}",
                    with: "{name: status, type: VARCHAR, description: Order status}"
                )
                .replacingOccurrences(of: "masks: {email: redact}", with: "readers: [sales]\n  masks: {email: redact}"))
        // (A new mask would be a breaking change, which `run` refuses under a minor version.)
        let second = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")

        // Data that fails a check: the candidate is quarantined and the run fails.
        try dir.write("domains/sales/data/orders.csv", "order_id,email,status\n1,ann@example.com,lost\n")
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 1)

        let password = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "echo 'a long enough secret' | \"$TESSERA\" user set-password root@acme.example"],
            in: dir.url, environment: ["TESSERA": TesseraBinary.url.path])
        #expect(password.status == 0, "\(password.stdout)\(password.stderr)")
        await #expect(try TesseraBinary.run(["query", "select count(*) from sales.orders"], in: dir.url).status == 0)
        await #expect(
            try TesseraBinary.run(["query", "select nothing from nowhere", "--as-domain", "sales"], in: dir.url).status
                == 2)
        let token = try await TesseraBinary.run(
            ["token", "create", "--principal", "root@acme.example", "--format", "json"], in: dir.url)
        let tokenID = try #require(
            (try JSONSerialization.jsonObject(with: Data(token.stdout.utf8)) as? [String: Any])?["id"] as? String,
            "\(token.stdout)\(token.stderr)")
        await #expect(try TesseraBinary.run(["token", "revoke", tokenID], in: dir.url).status == 0)

        let all = try await entries(dir)
        let actions = Set(all.compactMap { $0["action"] as? String })
        // Run triggers and cancellations come through the HTTP API: QueueRoutesTests checks them;
        // backfills need an interval model: BackfillsTests and ServeBackfillTests check theirs.
        // Web sign-ins come through the web UI: WebSessionsTests and WebBrowserTests check them.
        // Dashboard deliveries need a dashboard: ServeDeliveryTests checks theirs.
        let throughTheAPI: Set<String> = [
            AuditAction.runTrigger.rawValue, AuditAction.runCancel.rawValue, AuditAction.backfillStart.rawValue,
            AuditAction.backfillCancel.rawValue, AuditAction.backfillResume.rawValue, AuditAction.webSignIn.rawValue,
            AuditAction.webSignOut.rawValue, AuditAction.deliver.rawValue,
        ]
        #expect(actions == Set(AuditAction.allCases.map(\.rawValue)).subtracting(throughTheAPI), "\(actions)")
        #expect(all.compactMap { $0["sequence"] as? Int } == Array((1...all.count).reversed()))
        #expect(all.allSatisfy { ($0["actor"] as? String)?.contains("@") == true })

        let change = try await #require(try entries(dir, ["--action", "contract.change"]).first)
        #expect(change["target"] as? String == "sales.orders")
        #expect(try detail(change)["from"] as? String == "1.0.0")
        #expect(try detail(change)["to"] as? String == "1.1.0")

        let access = try await entries(dir, ["--action", "access.change"])
        #expect(access.compactMap { $0["outcome"] as? String } == ["changed", "set"])
        #expect(try detail(access[0])["access"] as? [String: Any] != nil)

        let quarantine = try await #require(try entries(dir, ["--action", "quarantine"]).first)
        #expect((try detail(quarantine)["reason"] as? String)?.contains("accepted_values") == true)
        let runs = try await entries(dir, ["--action", "run.finish"]).compactMap { $0["outcome"] as? String }
        #expect(runs == ["failed", "succeeded", "succeeded"])

        let queries = try await entries(dir, ["--action", "query"])
        #expect(queries.compactMap { $0["outcome"] as? String } == ["failed", "succeeded"])
        let succeeded = try detail(queries[1])
        #expect(succeeded["sql"] as? String == "select count(*) from sales.orders")
        #expect(succeeded["rows"] as? Int == 1)
        #expect(try detail(queries[0])["as_domain"] as? String == "sales")

        let text = try await TesseraBinary.run(["audit", "--limit", "3"], in: dir.url)
        #expect(text.status == 0)
        #expect(text.stdout.contains("SEQ") && text.stdout.contains("query"), "\(text.stdout)")
        let verified = try await TesseraBinary.run(["audit", "--verify"], in: dir.url)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("is intact: \(all.count) entries"), "\(verified.stdout)")
    }

    /// Someone with write access edits the file with `sqlite3`: verify exits 1 naming the entry.
    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")),
        arguments: [
            (
                "UPDATE audit_entry SET outcome = 'failed' WHERE action = 'run.finish'",
                "was changed after it was written"
            ),
            ("DELETE FROM audit_entry WHERE sequence = 2", "entry 2 is missing"),
            (
                "DELETE FROM audit_entry WHERE sequence = (SELECT max(sequence) FROM audit_entry)",
                "the newest entries were removed"
            ),
        ])
    func verifyFailsAfterTheCatalogFileIsEdited(sql: String, message: String) async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            dir.url.appendingPathComponent(".tessera/dev/catalog.sqlite").path,
            "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete; \(sql);",
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)

        let verified = try await TesseraBinary.run(["audit", "--verify"], in: dir.url)
        #expect(verified.status == 1)
        #expect(verified.stdout.contains(message), "\(verified.stdout)")
        let json = try await TesseraBinary.run(["audit", "--verify", "--format", "json"], in: dir.url)
        #expect(json.status == 1)
        #expect(json.stdout.contains(#""problem""#))
    }

    /// Several `tessera query` processes at once, each appending its entry: one chain, no gaps.
    @Test func concurrentProcessesNeverForkTheChain() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let before = try await entries(dir).count
        let processes = 8
        var running: [Process] = []
        for n in 0..<processes {
            let process = Process()
            process.executableURL = TesseraBinary.url
            process.arguments = ["query", "select \(n) as n"]
            process.currentDirectoryURL = dir.url
            process.standardOutput = FileHandle.nullDevice
            let log = dir.url.appendingPathComponent("query\(n).err")
            #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            running.append(process)
        }
        for process in running { process.waitUntilExit() }
        for (n, process) in running.enumerated() {
            let log = (try? String(contentsOf: dir.url.appendingPathComponent("query\(n).err"), encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "query \(n): \(log)")
        }
        let after = try await entries(dir)
        #expect(after.count == before + processes)
        await #expect(try entries(dir, ["--action", "query"]).count == processes)
        let verified = try await TesseraBinary.run(["audit", "--verify"], in: dir.url)
        #expect(verified.status == 0, "\(verified.stdout)")
    }

    @Test func aWrongActionIsAUsageError() async throws {
        let dir = try mesh()
        let wrong = try await TesseraBinary.run(["audit", "--action", "publsh"], in: dir.url)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("contract.change"), "\(wrong.stderr)")
    }
}
