import DuckDB
import Foundation
import Testing

/// `tessera serve` through the real binary, with its clock in a file (`TESSERA_CLOCK_FILE`): a cron
/// schedule fires, a file arrives and its source loads (once per fingerprint), an upstream publish
/// triggers its eager consumer, `automation status` tells why, and one service per environment.
@Suite(.serialized) struct ServeTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml": """
        connector: {type: csv, path: domains/sales/data/*.csv}
        load: {mode: append}
        automation: eager

        """,
        "domains/sales/data/orders-1.csv": "order_id,amount\n1,10\n2,20\n",
        "domains/sales/models/orders.sql": "select order_id, amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        schedule: "0 6 * * *"
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT}
            - {name: amount, type: BIGINT}

        """,
        "domains/marketing/domain.yaml": "owner: marketing@acme.example\n",
        "domains/marketing/models/buyers.sql": "select count(*) as orders from sales.orders\n",
        "domains/marketing/models/buyers.yaml": "automation: eager\n",
    ]

    /// A running `tessera serve`, its log in a file.
    final class Service {
        let process = Process()
        let log: URL
        let clock: URL

        init(
            _ dir: TemporaryDirectory, clock time: String, name: String = "serve", arguments: [String] = ["--verbose"],
            environment: [String: String] = [:]
        ) throws {
            log = dir.url.appendingPathComponent("\(name).log")
            clock = dir.url.appendingPathComponent("clock.txt")
            try Data(time.utf8).write(to: clock)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = TesseraBinary.url
            process.arguments = ["serve", "--port", "0"] + arguments
            process.currentDirectoryURL = dir.url
            process.environment = ProcessInfo.processInfo.environment.merging(
                [
                    "TESSERA_CLOCK_FILE": clock.path, "NO_COLOR": "1",
                ].merging(environment) { $1 }
            ) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        }

        var text: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        func lines(_ event: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter {
                $0.contains(" \(event) ") || $0.hasSuffix(" \(event)")
            }
        }

        func set(_ time: String) throws { try Data(time.utf8).write(to: clock, options: .atomic) }

        /// Polls the log until `count` lines of `event` contain `text` (60 s at most).
        func waitFor(_ event: String, containing text: String = "", count: Int = 1) async throws {
            for _ in 0..<1200 {
                if lines(event).filter({ text.isEmpty || $0.contains(text) }).count >= count { return }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("no \(count)× \(event) \(text) in the log:\n\(self.text)")
            throw CancellationError()
        }

        func stop() -> Int32 {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    @Test func schedulesFilesAndUpstreamPublishesRunByThemselves() async throws {
        let dir = try mesh()
        let service = try Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        // The first tick: the schedule starts without a backlog; the file no load saw fires its source.
        try await service.waitFor("run_ended", containing: "state=finished")
        #expect(service.lines("run_started").count == 1)
        #expect(service.text.contains("sales.src.orders: new file orders-1.csv"), "\(service.text)")

        // 06:00:30: the product's schedule is due; once it publishes, the eager consumer follows.
        try service.set("2026-12-06T06:00:30Z")
        try await service.waitFor("run_started", containing: "trigger=schedule")
        try await service.waitFor("run_started", containing: "trigger=eager")
        try await service.waitFor("run_ended", containing: "state=finished", count: 3)

        // A new file fires the source once; later ticks do not fire it again.
        try dir.write("domains/sales/data/orders-2.csv", "order_id,amount\n3,30\n")
        try service.set("2026-12-06T06:01:00Z")
        try await service.waitFor("run_started", containing: "trigger=sensor", count: 2)
        try await service.waitFor("run_ended", containing: "state=finished", count: 4)
        try service.set("2026-12-06T06:02:00Z")
        try await service.waitFor("tick", containing: "at=2026-12-06T06:02:00")
        #expect(service.lines("run_started").filter { $0.contains("trigger=sensor") }.count == 2)

        // Why: the product waits for its next tick; the consumer ran on the publish.
        let status = try await TesseraBinary.run(["automation", "status", "sales.orders"], in: dir.url)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(
            status.stdout.contains("sales.orders (product)  skip: not due, next at 2026-12-07 06:00"),
            "\(status.stdout)")
        let json = try await TesseraBinary.run(["automation", "status", "--format", "json"], in: dir.url)
        let nodes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let buyers = try #require(nodes.first { $0["node"] as? String == "model.marketing.buyers" })
        #expect(buyers["verdict"] as? String == "skip")
        #expect(buyers["lastStarted"] is String)

        // Reading commands work beside the service: it holds no warehouse between runs.
        let plan = try await TesseraBinary.run(["plan"], in: dir.url)
        #expect(plan.status == 0, "\(plan.stdout)\n\(plan.stderr)")
        let query = try await TesseraBinary.run(
            ["query", "select count(*) as n from sales.orders", "--format", "csv"], in: dir.url)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("n\n2"), "\(query.stdout)")

        // `tessera run` beside the service hands its selection to the queue and follows it.
        let pid = service.process.processIdentifier
        let handed = try await TesseraBinary.run(["run", "marketing.buyers"], in: dir.url)
        #expect(handed.status == 0, "\(handed.stdout)\n\(handed.stderr)")
        #expect(handed.stdout.contains("Handed to the running service (pid \(pid)): queued run "), "\(handed.stdout)")
        #expect(handed.stdout.contains("· succeeded ·"), "\(handed.stdout)")
        let handedJSON = try await TesseraBinary.run(["run", "marketing.buyers", "--format", "json"], in: dir.url)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(handedJSON.stdout.utf8)) as? [String: Any])
        // As `runs show --format json` prints the run.
        #expect((document["run"] as? [String: Any])?["status"] as? String == "succeeded", "\(handedJSON.stdout)")
        #expect(service.lines("run_started").filter { $0.contains("trigger=manual") }.count == 2)

        // A changed project is read again: the next run handed over uses the new SQL.
        let reloads = service.lines("project_reloaded").count
        try dir.write("domains/marketing/models/buyers.sql", "select count(*) * 10 as orders from sales.orders\n")
        try await service.waitFor("project_reloaded", count: reloads + 1)
        let changed = try await TesseraBinary.run(["run", "marketing.buyers"], in: dir.url)
        #expect(changed.status == 0, "\(changed.stdout)\n\(changed.stderr)")

        // One service per environment.
        let second = try await TesseraBinary.run(["serve"], in: dir.url)
        #expect(second.status == 2)
        #expect(
            second.stderr.contains(
                "a `tessera serve` is already running for environment 'dev' (pid \(service.process.processIdentifier)"),
            "\(second.stderr)")

        #expect(service.stop() == 0, "\(service.text)")
        #expect(service.text.contains(" stopped"))
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/marketing/warehouse.duckdb").path
        let rows = try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect()
            .rows("select orders from buyers")
        // Two orders were published at 06:00 (the third came later), counted by the changed SQL.
        #expect(rows == [[.bigint(20)]])
    }

    @Test func aServiceKilledDuringARunLosesNoTickAndRunsNothingTwice() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("tessera.yaml", Self.files["tessera.yaml"] ?? "")
        try dir.write("domains/slow/domain.yaml", "owner: slow@acme.example\n")
        try dir.write("domains/slow/models/long.sql", "select count(*) as n from range(1000000000000000) a\n")
        try dir.write("domains/slow/models/long.yaml", "schedule: \"0 6 * * *\"\n")
        let first = try Service(dir, clock: "2026-12-06T05:00:00Z")
        try await first.waitFor("tick", containing: "at=2026-12-06T05:00:00")
        try first.set("2026-12-06T06:00:30Z")
        try await first.waitFor("run_started", containing: "trigger=schedule")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        // The same tick, restarted: the killed run is found, marked and queued again, once.
        try dir.write("domains/slow/models/long.sql", "select 42 as n\n")
        let second = try Service(dir, clock: "2026-12-06T06:00:30Z", name: "serve-again")
        defer { _ = second.stop() }
        try await second.waitFor("recovered", containing: "state=interrupted")
        try await second.waitFor("run_ended", containing: "succeeded=true")
        try second.set("2026-12-06T06:00:45Z")
        try await second.waitFor("tick", containing: "at=2026-12-06T06:00:45")
        #expect(second.lines("run_started").count == 1, "\(second.text)")
        #expect(second.stop() == 0)

        let runs = try await TesseraBinary.run(["runs", "--format", "json"], in: dir.url)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        #expect(list.compactMap { $0["status"] as? String }.sorted() == ["interrupted", "succeeded"], "\(runs.stdout)")
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/slow/warehouse.duckdb").path
        let rows = try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect().rows("select n from long")
        #expect(rows == [[.integer(42)]])
    }

    @Test func aTransientFailureIsRetriedWithBackoffThenLeftForTheNextTrigger() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("tessera.yaml", Self.files["tessera.yaml"] ?? "")
        try dir.write("domains/feed/domain.yaml", "owner: feed@acme.example\n")
        // Nothing listens on port 1: every load is refused, a transient failure.
        try dir.write(
            "domains/feed/sources/orders.yaml",
            """
            connector: {type: http, url: "http://127.0.0.1:1/orders", records: /data, retries: {max_attempts: 1}}
            schedule: "0 6 * * *"
            retries: {max: 1, backoff: 10s}
            sla: {freshness: 1h}

            """)
        let service = try Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        try await service.waitFor("tick", containing: "at=2026-12-06T05:00:00")
        try service.set("2026-12-06T06:00:30Z")
        try await service.waitFor("run_ended", containing: "succeeded=false")
        try await service.waitFor("tick", containing: "at=2026-12-06T06:00:30", count: 2)
        let waiting = try await TesseraBinary.run(["automation", "status", "feed.src.orders"], in: dir.url)
        #expect(waiting.stdout.contains("retry: retry 1 of 1 at 2026-12-06 06:00:40 UTC after "), "\(waiting.stdout)")

        // The backoff has passed: one retry, then its retries are used up.
        try service.set("2026-12-06T06:00:41Z")
        try await service.waitFor("run_started", containing: "trigger=retry")
        try await service.waitFor("run_ended", containing: "succeeded=false", count: 2)
        try service.set("2026-12-06T06:05:00Z")
        try await service.waitFor("tick", containing: "at=2026-12-06T06:05:00")
        #expect(service.lines("run_started").count == 2, "\(service.text)")
        let done = try await TesseraBinary.run(["automation", "status", "feed.src.orders"], in: dir.url)
        #expect(done.stdout.contains("its 1 retries are used up"), "\(done.stdout)")
        // It never had data: one SLA miss, logged once however many ticks saw it.
        #expect(service.lines("sla_missed").count == 1, "\(service.text)")
        #expect(service.lines("sla_missed").first?.contains("node=feed.src.orders deadline=\"never had data\"") == true)
    }

    /// The statuses of the environment's catalog runs, oldest first.
    func runStatuses(_ dir: TemporaryDirectory) async throws -> [String] {
        let runs = try await TesseraBinary.run(["runs", "--limit", "100", "--format", "json"], in: dir.url)
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]] ?? []
        return list.reversed().compactMap { $0["status"] as? String }
    }

    @Test func killsAtAnyMomentOfATickOrARunLoseNoTickAndRunNothingTwice() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("tessera.yaml", Self.files["tessera.yaml"] ?? "")
        try dir.write("domains/tick/domain.yaml", "owner: tick@acme.example\n")
        try dir.write("domains/tick/models/every.sql", "select 1 as n\n")
        try dir.write("domains/tick/models/every.yaml", "schedule: \"* * * * *\"\n")
        let first = try Service(dir, clock: "2026-12-06T06:00:30Z", name: "first")
        try await first.waitFor("tick", containing: "at=2026-12-06T06:00:30")
        #expect(first.stop() == 0)
        // Each round a new minute is due; the service is killed at another moment of its start,
        // tick, claim or run, then started again at the same time and left to settle.
        for (round, delay) in [0, 120, 250, 400, 600, 900].enumerated() {
            let time = "2026-12-06T06:0\(round + 1):30Z"
            let killed = try Service(dir, clock: time, name: "killed-\(round)")
            try await Task.sleep(for: .milliseconds(delay))
            kill(killed.process.processIdentifier, SIGKILL)
            killed.process.waitUntilExit()
            let calm = try Service(dir, clock: time, name: "calm-\(round)")
            var polls = 0
            while try await runStatuses(dir).filter({ $0 == "succeeded" }).count < round + 1, polls < 600 {
                polls += 1
                try await Task.sleep(for: .milliseconds(50))
            }
            try await calm.waitFor("tick", containing: "at=\(time.replacingOccurrences(of: "Z", with: ".000Z"))")
            #expect(calm.stop() == 0, "\(calm.text)")
            await #expect(
                try runStatuses(dir).filter { $0 == "succeeded" }.count == round + 1,
                "round \(round):\n\(killed.text)\n\(calm.text)")
        }
        // Every minute ran exactly once, whatever the kills interrupted.
        let queue = try await runStatuses(dir)
        #expect(queue.filter { $0 == "succeeded" }.count == 6, "\(queue)")
        #expect(queue.allSatisfy { $0 == "succeeded" || $0 == "interrupted" }, "\(queue)")
    }

    @Test func ctrlCWhileFollowingAHandedRunCancelsIt() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("tessera.yaml", Self.files["tessera.yaml"] ?? "")
        try dir.write("domains/slow/domain.yaml", "owner: slow@acme.example\n")
        try dir.write("domains/slow/models/long.sql", "select count(*) as n from range(1000000000000000) a\n")
        let service = try Service(dir, clock: "2026-12-06T06:00:00Z")
        defer { _ = service.stop() }
        try await service.waitFor("started")

        let follower = Process()
        let output = dir.url.appendingPathComponent("run.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        follower.executableURL = TesseraBinary.url
        follower.arguments = ["run", "slow.long"]
        follower.currentDirectoryURL = dir.url
        follower.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        follower.standardOutput = try FileHandle(forWritingTo: output)
        follower.standardError = try FileHandle(forWritingTo: output)
        try follower.run()
        try await service.waitFor("run_started", containing: "trigger=manual")
        follower.interrupt()
        follower.waitUntilExit()
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(follower.terminationStatus == 1, "\(printed)")
        #expect(printed.contains("cancelled queued run "), "\(printed)")
        // The service interrupts DuckDB and records the queued run cancelled.
        try await service.waitFor("run_ended", containing: "state=cancelled")
        await #expect(try runStatuses(dir) == ["interrupted"])
    }

    @Test func logLinesAreJSONObjectsOnRequest() async throws {
        let dir = try mesh()
        let service = try Service(dir, clock: "2026-12-06T05:00:00Z", arguments: ["--log-format", "json"])
        for _ in 0..<1200 where !service.text.contains("\"event\":\"run_ended\"") {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(service.stop() == 0)
        let lines = service.text.split(separator: "\n")
        let all = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(all.count == lines.count, "\(service.text)")
        // The HTTP API says where it listens once it does, whenever that is among the automation's lines.
        let listening = all.filter { $0["event"] == "listening" }
        #expect(listening.count == 1 && listening.first?["url"]?.hasPrefix("http://127.0.0.1:") == true)
        let objects = all.filter { $0["event"] != "listening" }
        #expect(
            objects.map { $0["event"] ?? "" } == ["started", "tick", "run_started", "run_ended", "draining", "stopped"])
        #expect(objects.allSatisfy { $0["time"]?.hasSuffix("Z") == true })
        #expect(objects[3]["state"] == "finished" && objects[3]["succeeded"] == "true", "\(objects[3])")
    }
}
