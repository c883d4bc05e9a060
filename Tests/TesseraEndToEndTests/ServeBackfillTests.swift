import DuckDB
import Foundation
import Testing

/// Backfills through the real binary: the HTTP API of `tessera serve` splits a range into chunks
/// and runs them one after the other as queued runs; the data equals one `tessera run --start
/// --end` over the whole range; a `kill -9` mid-chunk reruns only that chunk; cancel stops the
/// running chunk and nothing after it runs until resume; the policy's 403 and 404, and a 400 for a
/// selection without an interval model; `tessera backfill` runs the chunks itself without a service.
@Suite(.serialized) struct ServeBackfillTests {
    static let range = (start: "2026-11-01", end: "2026-11-06")

    /// A shop whose `daily` model is interval-incremental over `src.events`; the chunk starting at
    /// `slowDay` (if any) runs until it is stopped.
    func mesh(slowDay: String? = nil) async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write(
            "domains/shop/domain.yaml",
            "owner: shop@acme.example\nmembers:\n  - {name: ana@acme.example, role: owner}\n")
        try dir.write(
            "domains/shop/sources/events.yaml",
            "connector: {type: csv, path: domains/shop/data/events.csv}\nload: {mode: full}\n")
        try write(events: dir, times: 1)
        try write(model: dir, slowDay: slowDay)
        try dir.write("domains/shop/models/daily.yaml", "materialized: incremental\nincremental: {time_column: ts}\n")
        try dir.write("domains/shop/models/plain.sql", "select 1 as n\n")
        try dir.write(
            "domains/marketing/domain.yaml",
            "owner: marketing@acme.example\nmembers:\n  - {name: mia@acme.example, role: owner}\n")
        try dir.write("domains/marketing/models/campaigns.sql", "select 1 as campaign_id\n")
        // Built once over everything; then every amount changes at the source and is loaded:
        // a backfill rebuilds its range with the new amounts, the days outside keep the old ones.
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        try write(events: dir, times: 100)
        let ingest = try await TesseraBinary.run(["ingest"], in: dir.url)
        #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        return dir
    }

    /// Two events a day from 2026-10-31 to 2026-11-06, their amounts `times` a base.
    func write(events dir: TemporaryDirectory, times: Int) throws {
        var events = "event_id,ts,amount\n"
        for (index, day) in ["10-31", "11-01", "11-02", "11-03", "11-04", "11-05", "11-06"].enumerated() {
            events += "\(index * 2),2026-\(day) 09:00:00,\((index + 1) * times)\n"
            events += "\(index * 2 + 1),2026-\(day) 23:30:00,\((index + 1) * 10 * times)\n"
        }
        try dir.write("domains/shop/data/events.csv", events)
    }

    /// `daily`, and `slow`: an interval model whose chunk starting at `slowDay` runs until it is
    /// stopped (a chunk selecting both is slow then; `daily` never changes).
    func write(model dir: TemporaryDirectory, slowDay: String?) throws {
        try dir.write(
            "domains/shop/models/daily.sql",
            "select event_id, ts, amount * 2 as doubled from src.events\nwhere ts >= @start and ts < @end\n")
        let size = slowDay.map { "case when @start = TIMESTAMP '\($0)' then 1000000000000000 else 1 end" } ?? "1"
        try dir.write(
            "domains/shop/models/slow.sql",
            "select @start as ts, count(*) as n from range(\(size))\nwhere @start < @end\n")
        try dir.write("domains/shop/models/slow.yaml", "materialized: incremental\nincremental: {time_column: ts}\n")
    }

    /// The rows of `daily`, in order.
    func daily(_ dir: TemporaryDirectory) throws -> [[DuckDBValue]] {
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/shop/warehouse.duckdb").path
        return try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect()
            .rows("select event_id, ts, doubled from daily order by event_id")
    }

    /// What one `tessera run --start --end` over the whole range leaves.
    func wholeRange() async throws -> [[DuckDBValue]] {
        let dir = try await mesh()
        let run = try await TesseraBinary.run(
            ["run", "shop.daily", "--start", Self.range.start, "--end", Self.range.end], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let rows = try daily(dir)
        #expect(rows.count == 14)
        // 2026-10-31 and 2026-11-06 lie outside the range: their rows keep the old amounts.
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/shop/warehouse.duckdb").path
        let doubled = try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect()
            .rows("select cast(doubled as bigint) from daily order by event_id").compactMap(\.first)
        #expect(doubled.first == .bigint(2) && doubled.last == .bigint(140), "\(doubled)")
        #expect(doubled[2] == .bigint(400) && doubled[11] == .bigint(12_000), "\(doubled)")
        return rows
    }

    /// The catalog's runs' statuses.
    func runStatuses(_ dir: TemporaryDirectory) async throws -> [String] {
        let runs = try await TesseraBinary.run(["runs", "--limit", "100", "--format", "json"], in: dir.url)
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]] ?? []
        return list.compactMap { $0["status"] as? String }
    }

    func token(_ principal: String, in dir: TemporaryDirectory) async throws -> String {
        try await ServeAPITests().token(principal, in: dir).1
    }

    /// Starts `tessera serve` and returns it with its API's base URL.
    func serve(_ dir: TemporaryDirectory, name: String = "serve") async throws -> (ServeTests.Service, String) {
        let service = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z", name: name)
        try await service.waitFor("listening")
        let line = try #require(service.lines("listening").first)
        return (service, try #require(line.split(separator: "url=").last.map(String.init)))
    }

    static let ask = #"{"select": ["shop.daily"], "start": "2026-11-01", "end": "2026-11-06", "chunk": "1d"}"#
    static let slowAsk = #"{"select": ["shop.daily", "shop.slow"], "start": "2026-11-01", "end": "2026-11-06"}"#

    /// Polls a backfill until `done` holds of it (60 s at most).
    func waitFor(
        _ id: String, _ base: String, token: String, until done: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        var last: [String: Any] = [:]
        for _ in 0..<600 {
            last = try await BackfillAPI.call("\(base)/api/v1/backfills/\(id)", token: token).json()
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the backfill never got there: \(last)")
        throw CancellationError()
    }

    static func chunks(_ backfill: [String: Any], _ field: String) -> [String] {
        (backfill["chunks"] as? [[String: Any]] ?? []).map { "\($0[field] ?? "-")" }
    }

    @Test func anAPIBackfillRunsItsChunksInOrderAndEqualsOneRunOverTheRange() async throws {
        let expected = try await wholeRange()
        let dir = try await mesh()
        let ana = try await token("ana@acme.example", in: dir)
        let mia = try await token("mia@acme.example", in: dir)
        let (service, base) = try await serve(dir)
        defer { _ = service.stop() }

        let started = try await BackfillAPI.call(
            "\(base)/api/v1/backfills", token: ana, method: "POST", body: Self.ask, headers: ["Idempotency-Key: k1"])
        #expect(started.status == 202, "\(started.body)")
        let id = try #require(try started.json()["id"] as? String)
        #expect(started.headers["location"] == "/api/v1/backfills/\(id)")
        let again = try await BackfillAPI.call(
            "\(base)/api/v1/backfills", token: ana, method: "POST", body: Self.ask, headers: ["Idempotency-Key: k1"])
        #expect(try again.json()["id"] as? String == id, "the same key, the same backfill")

        let done = try await waitFor(id, base, token: ana) { $0["state"] as? String != "running" }
        #expect(done["state"] as? String == "succeeded", "\(done)\n\(service.text)")
        #expect(Self.chunks(done, "state") == Array(repeating: "succeeded", count: 5))
        #expect(Self.chunks(done, "start").first == "2026-11-01T00:00:00.000Z")
        #expect(Set(Self.chunks(done, "runId")).count == 5)
        // One run per chunk, oldest first, one at a time.
        let started5 = service.lines("run_started").filter { $0.contains("trigger=backfill") }
        #expect(started5.count == 5)
        for (index, line) in started5.enumerated() {
            #expect(line.contains("--start 2026-11-0\(index + 1)T00:00:00Z"), "\(line)")
        }
        await #expect(try runStatuses(dir) == Array(repeating: "succeeded", count: 7), "a run, an ingest, five chunks")

        let list = try await BackfillAPI.call("\(base)/api/v1/backfills", token: ana).json()
        #expect((list["backfills"] as? [[String: Any]])?.first?["id"] as? String == id)
        let metrics = try await BackfillAPI.call("\(base)/metrics", token: ana)
        #expect(metrics.body.contains("tessera_backfill_chunks{state=\"succeeded\"} 5"), "\(metrics.body)")

        // Outside the domain: no start (403), no trace of it (404); a wrong selection is a 400.
        let refused = try await BackfillAPI.call("\(base)/api/v1/backfills", token: mia, method: "POST", body: Self.ask)
        #expect(refused.status == 403 && refused.errorCode == "forbidden", "\(refused.body)")
        #expect(try await BackfillAPI.call("\(base)/api/v1/backfills/\(id)", token: mia).status == 404)
        #expect(
            try await BackfillAPI.call("\(base)/api/v1/backfills/\(id)/cancel", token: mia, method: "POST").status
                == 404)
        #expect(try await BackfillAPI.call("\(base)/api/v1/backfills/20990101T000000Z-none", token: ana).status == 404)
        let plain = try await BackfillAPI.call(
            "\(base)/api/v1/backfills", token: ana, method: "POST",
            body: #"{"select": ["shop.plain"], "start": "2026-11-01", "end": "2026-11-06"}"#)
        #expect(plain.status == 400, "\(plain.body)")
        #expect(plain.body.contains("no model of the selection 'shop.plain' is interval-incremental"), "\(plain.body)")
        let chunk = try await BackfillAPI.call(
            "\(base)/api/v1/backfills", token: ana, method: "POST",
            body: #"{"select": ["shop.daily"], "start": "2026-11-01", "end": "2026-11-06", "chunk": "1x"}"#)
        #expect(chunk.status == 400 && chunk.body.contains("'x' is not a unit"), "\(chunk.body)")
        #expect(service.stop() == 0)
        #expect(try daily(dir) == expected)
        let audit = try await TesseraBinary.run(
            ["audit", "--action", "backfill.start", "--format", "json"], in: dir.url)
        #expect(audit.stdout.contains("\"refused\""), "\(audit.stdout)")
    }

    @Test func killedDuringAChunkOnlyThatChunkRunsAgain() async throws {
        let expected = try await wholeRange()
        let dir = try await mesh(slowDay: "2026-11-03")
        let ana = try await token("ana@acme.example", in: dir)
        let (first, base) = try await serve(dir, name: "first")
        let started = try await BackfillAPI.call(
            "\(base)/api/v1/backfills", token: ana, method: "POST", body: Self.slowAsk)
        let id = try #require(try started.json()["id"] as? String, "\(started.body)")
        try await first.waitFor("run_started", containing: "--start 2026-11-03T00:00:00Z")
        let before = try await BackfillAPI.call("\(base)/api/v1/backfills/\(id)", token: ana).json()
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        try write(model: dir, slowDay: nil)
        let (second, again) = try await serve(dir, name: "second")
        defer { _ = second.stop() }
        let done = try await waitFor(id, again, token: ana) { $0["state"] as? String != "running" }
        #expect(done["state"] as? String == "succeeded", "\(done)\n\(second.text)")
        #expect(Self.chunks(done, "attempts") == ["1", "1", "2", "1", "1"])
        #expect(Array(Self.chunks(done, "runId").prefix(2)) == Array(Self.chunks(before, "runId").prefix(2)))
        // The finished chunks did not run again: the killed one ran twice, the others once.
        #expect(second.lines("run_started").count == 3, "\(second.text)")
        let statuses = try await runStatuses(dir)
        #expect(statuses.filter { $0 == "succeeded" }.count == 7 && statuses.count == 8, "\(statuses)")
        #expect(statuses.contains("interrupted"))
        #expect(second.stop() == 0)
        #expect(try daily(dir) == expected)
    }

    @Test func cancelStopsTheRunningChunkAndResumeGoesOn() async throws {
        let expected = try await wholeRange()
        let dir = try await mesh(slowDay: "2026-11-02")
        let ana = try await token("ana@acme.example", in: dir)
        let (service, base) = try await serve(dir)
        defer { _ = service.stop() }
        let started = try await BackfillAPI.call(
            "\(base)/api/v1/backfills", token: ana, method: "POST", body: Self.slowAsk)
        let id = try #require(try started.json()["id"] as? String, "\(started.body)")
        try await service.waitFor("run_started", containing: "--start 2026-11-02T00:00:00Z")

        let cancelled = try await BackfillAPI.call("\(base)/api/v1/backfills/\(id)/cancel", token: ana, method: "POST")
        #expect(cancelled.status == 200, "\(cancelled.body)")
        #expect(try cancelled.json()["state"] as? String == "cancelled")
        try await service.waitFor("run_ended", containing: "state=cancelled")
        let stopped = try await waitFor(id, base, token: ana) { Self.chunks($0, "state")[1] != "running" }
        #expect(Self.chunks(stopped, "state") == ["succeeded", "cancelled", "cancelled", "cancelled", "cancelled"])
        try await Task.sleep(for: .seconds(1.5))
        #expect(service.lines("run_started").count == 2, "nothing after the cancelled chunk ran")

        try write(model: dir, slowDay: nil)
        try await service.waitFor("project_reloaded")
        let resumed = try await BackfillAPI.call("\(base)/api/v1/backfills/\(id)/resume", token: ana, method: "POST")
        #expect(resumed.status == 200, "\(resumed.body)")
        let done = try await waitFor(id, base, token: ana) { $0["state"] as? String != "running" }
        #expect(done["state"] as? String == "succeeded", "\(done)\n\(service.text)")
        #expect(service.lines("run_started").count == 6, "chunk 2 again, then 3 to 5")
        #expect(service.stop() == 0)
        #expect(try daily(dir) == expected)
    }

    @Test func theCommandRunsChunksItselfOrHandsThemToTheService() async throws {
        let expected = try await wholeRange()
        let dir = try await mesh()
        let here = try await TesseraBinary.run(
            ["backfill", "start", "shop.daily", "--start", "2026-11-01", "--end", "2026-11-04", "--chunk", "1d"],
            in: dir.url)
        #expect(here.status == 0, "\(here.stdout)\(here.stderr)")
        #expect(here.stdout.contains("✓ chunk 3 of 3 [2026-11-03, 2026-11-04)"), "\(here.stdout)")
        #expect(here.stdout.contains("succeeded: 3 of 3 chunks"), "\(here.stdout)")
        let list = try await TesseraBinary.run(["backfill", "list", "--format", "json"], in: dir.url)
        let backfills = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try #require(backfills.first?["id"] as? String)
        let status = try await TesseraBinary.run(["backfill", "status", id], in: dir.url)
        #expect(status.stdout.contains("Backfill \(id): succeeded"), "\(status.stdout)")
        let plain = try await TesseraBinary.run(
            ["backfill", "start", "shop.plain", "--start", "2026-11-01", "--end", "2026-11-02"], in: dir.url)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("is interval-incremental (shop.plain); nothing was started"), "\(plain.stderr)")

        let (service, _) = try await serve(dir)
        defer { _ = service.stop() }
        let handed = try await TesseraBinary.run(
            ["backfill", "start", "shop.daily", "--start", "2026-11-04", "--end", "2026-11-06"], in: dir.url)
        #expect(handed.status == 0, "\(handed.stdout)\(handed.stderr)")
        #expect(handed.stdout.contains("Handed to the running service (pid \(service.process.processIdentifier))"))
        #expect(handed.stdout.contains("✓ chunk 2 of 2 [2026-11-05, 2026-11-06)"), "\(handed.stdout)")
        #expect(service.lines("run_started").filter { $0.contains("trigger=backfill") }.count == 2)
        // `tessera run --start --end` beside the service: one interval, one queued run.
        let one = try await TesseraBinary.run(
            ["run", "shop.daily", "--start", "2026-11-04", "--end", "2026-11-05"], in: dir.url)
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
        #expect(
            service.lines("run_started").contains {
                $0.contains("trigger=manual") && $0.contains("--start 2026-11-04T00:00:00Z --end 2026-11-05T00:00:00Z")
            }, "\(service.text)")
        let none = try await TesseraBinary.run(
            ["run", "shop.plain", "--start", "2026-11-04", "--end", "2026-11-05"], in: dir.url)
        #expect(none.status == 2)
        #expect(none.stderr.contains("--start/--end rebuilds intervals"), "\(none.stderr)")
        #expect(service.stop() == 0)
        #expect(try daily(dir) == expected)
    }
}

extension ServeBackfillTests {
    /// `tessera ARGUMENTS…` started in the background, its output in a file.
    final class Command {
        let process = Process()
        let output: URL

        init(_ arguments: [String], in dir: TemporaryDirectory, name: String) throws {
            output = dir.url.appendingPathComponent("\(name).out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = TesseraBinary.url
            process.arguments = arguments
            process.currentDirectoryURL = dir.url
            process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: output)
            try process.run()
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Polls the output until it contains `line` (60 s at most).
        func waitFor(_ line: String) async throws {
            for _ in 0..<1200 {
                if text.contains(line) { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("no '\(line)' in:\n\(text)")
            throw CancellationError()
        }
    }

    /// The backfill's chunk states, as `tessera backfill status --format json` prints them.
    func chunkStates(_ id: String, in dir: TemporaryDirectory) async throws -> [String] {
        let status = try await TesseraBinary.run(["backfill", "status", id, "--format", "json"], in: dir.url)
        let document = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any] ?? [:]
        return Self.chunks(document, "state")
    }

    @Test func aKilledCommandIsTakenOverByResumeAndACancelFromElsewhereStopsIt() async throws {
        let expected = try await wholeRange()
        let dir = try await mesh(slowDay: "2026-11-02")
        let arguments = [
            "backfill", "start", "shop.daily", "shop.slow", "--start", "2026-11-01", "--end", "2026-11-06",
        ]
        let first = try Command(arguments, in: dir, name: "first")
        try await first.waitFor("… chunk 2 of 5 [2026-11-02, 2026-11-03)")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        let list = try await TesseraBinary.run(["backfill", "list", "--format", "json"], in: dir.url)
        let listed = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        let id = try #require(listed.first?["id"] as? String, "\(list.stdout)")
        await #expect(try chunkStates(id, in: dir) == ["succeeded", "running", "pending", "pending", "pending"])

        // Resumed from the chunk the killed command ran; now the fourth day is the slow one.
        try write(model: dir, slowDay: "2026-11-04")
        let second = try Command(["backfill", "resume", id], in: dir, name: "second")
        try await second.waitFor("… chunk 4 of 5 [2026-11-04, 2026-11-05)")
        let cancel = try await TesseraBinary.run(["backfill", "cancel", id], in: dir.url)
        #expect(cancel.status == 0, "\(cancel.stdout)\(cancel.stderr)")
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 1, "\(second.text)")
        #expect(second.text.contains("cancelled after 3 of 5 chunks"), "\(second.text)")
        await #expect(
            try chunkStates(id, in: dir) == ["succeeded", "succeeded", "succeeded", "cancelled", "cancelled"])

        try write(model: dir, slowDay: nil)
        let third = try await TesseraBinary.run(["backfill", "resume", id], in: dir.url)
        #expect(third.status == 0, "\(third.stdout)\(third.stderr)")
        #expect(third.stdout.contains("succeeded: 5 of 5 chunks"), "\(third.stdout)")
        #expect(try daily(dir) == expected)
    }
}

/// One HTTP exchange through curl, with its headers.
enum BackfillAPI {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String

        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
        }

        var errorCode: String? { ((try? json())?["error"] as? [String: Any])?["code"] as? String }
    }

    static func call(
        _ url: String, token: String, method: String = "GET", body: String? = nil, headers: [String] = []
    ) async throws -> Answer {
        var arguments = [
            "-s", "-S", "-D", "-", "-X", method, "--max-time", "60", "-H", "Authorization: Bearer \(token)",
        ]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let outcome = try await ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/curl"), arguments + [url])
        guard let split = outcome.stdout.range(of: "\r\n\r\n") else {
            throw FixtureError(message: "curl \(url): \(outcome.stdout)\(outcome.stderr)")
        }
        let head = outcome.stdout[..<split.lowerBound].split(separator: "\r\n")
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status = head.first.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        return Answer(status: status, headers: fields, body: String(outcome.stdout[split.upperBound...]))
    }
}
