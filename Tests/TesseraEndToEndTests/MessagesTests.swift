import Foundation
import Testing

/// What commands print reads as people write: "1 row", not "1 rows".
@Suite struct MessagesTests {
    @Test func oneRowIsOneRowEverywhereARunPrintsIt() async throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write("domains/sales/sources/orders.yaml", "connector: {type: csv, path: domains/sales/data/*.csv}\n")
        try dir.write("domains/sales/data/orders.csv", "id,amount\n1,10\n")
        try dir.write("domains/sales/models/orders.sql", "select id, amount from src.orders\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            """
            version: 1.0.0
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: amount, type: BIGINT}

            """)
        let run = try await TesseraBinary.run(["run", "--no-color"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("1 row"), "\(run.stdout)")
        let log = try String(
            contentsOf: try #require(
                FileManager.default.enumerator(
                    at: dir.url.appendingPathComponent(".tessera/dev/runs"),
                    includingPropertiesForKeys: nil)?.allObjects.first as? URL),
            encoding: .utf8)
        let check = try await TesseraBinary.run(["check", "--no-color"], in: dir.url)
        let runs = try await TesseraBinary.run(["runs", "show", "2", "--no-color"], in: dir.url)
        // "1 rows" as a count, not the end of a rate such as "21 rows/s".
        let wrong = try NSRegularExpression(pattern: #"(?<![0-9.,])1 rows(?!/)"#)
        for output in [run.stdout, log, check.stdout, runs.stdout] {
            let range = NSRange(output.startIndex..., in: output)
            #expect(wrong.firstMatch(in: output, range: range) == nil, "\(output)")
        }
    }
}

/// What people read fits a 100-column terminal where the content allows, and says each path once.
@Suite struct LineWidthTests {
    static let commands: [[String]] = [
        ["validate"], ["plan"], ["run"], ["ingest"], ["plan", "--verbose"], ["runs"], ["runs", "show", "2"],
        ["check"], ["catalog", "list"], ["catalog", "show", "shop.orders"], ["catalog", "search", "customers"],
        ["lineage", "shop.customers.customer_id"], ["audit"], ["--help"],
    ]

    /// An error stays one line, as a diagnostic does: `error: …` or `file:line:col: …`.
    static func isError(_ line: Substring) -> Bool {
        let text = line.drop { $0 == " " }
        return text.hasPrefix("error: ")
            || text.range(of: #"^[^ ]+:[0-9]+:[0-9]+: "#, options: .regularExpression) != nil
    }

    @Test func everyLineFitsOneHundredColumns() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in PlanningCorrectnessTests.files { try dir.write(path, text) }
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let help = CommandLineTests.commands.map { $0 + ["--help"] }
        // A run that fails: the failure, the failing check and the summary's hint.
        try dir.write("domains/shop/data/orders.csv", "id,customer_id,amount\n10,1,5\n11,99,7\n")
        for command in Self.commands + [["run"], ["check"]] + help {
            let outcome = try await TesseraBinary.run(command + ["--no-color"], in: dir.url)
            for line in (outcome.stdout + outcome.stderr).split(separator: "\n") where !Self.isError(line) {
                #expect(line.count <= 100, "tessera \(command.joined(separator: " ")): \(line.count) columns: \(line)")
            }
        }
    }

    @Test func aMissingFileIsNamedOnce() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in PlanningCorrectnessTests.files { try dir.write(path, text) }
        try dir.write("domains/shop/sources/orders.yaml", "connector: {type: csv, path: domains/shop/data/none.csv}\n")
        for command in [["ingest"], ["run"]] {
            let outcome = try await TesseraBinary.run(command, in: dir.url)
            #expect(outcome.status != 0)
            let said = outcome.stderr.components(separatedBy: "data/none.csv").count - 1
            #expect(said == 1, "tessera \(command[0]) says the path \(said) times: \(outcome.stderr)")
            #expect(outcome.stderr.contains("  hint: check the connector's path"), "\(outcome.stderr)")
        }
    }
}

/// `query --format csv|json` writes its result itself, through the process's standard output:
/// appending to a file keeps what was there, and a pipe gets every row.
@Suite struct QueryOutputTests {
    func mesh() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write("domains/sales/models/numbers.sql", "select range as n, 'a,\"b\"' as text from range(3)\n")
        try dir.write(
            "domains/sales/products/numbers.yaml",
            """
            version: 1.0.0
            contract:
              columns:
                - {name: n, type: BIGINT}
                - {name: text, type: VARCHAR}

            """)
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        return dir
    }

    func shell(_ command: String, in dir: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = dir
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func appendingToAFileKeepsWhatWasThere() async throws {
        let dir = try await mesh()
        let tessera = TesseraBinary.url.path
        try "before\n".write(to: dir.url.appendingPathComponent("out.csv"), atomically: true, encoding: .utf8)
        let query = "\(tessera) query 'select n, text from sales.numbers order by n' --format csv"
        #expect(try shell("\(query) >> out.csv && \(query) >> out.csv", in: dir.url) == 0)
        let text = try String(contentsOf: dir.url.appendingPathComponent("out.csv"), encoding: .utf8)
        let block = "n,text\n0,\"a,\"\"b\"\"\"\n1,\"a,\"\"b\"\"\"\n2,\"a,\"\"b\"\"\"\n"
        #expect(text == "before\n" + block + block, "\(text)")
    }

    @Test func jsonThroughAPipeIsOneDocument() async throws {
        let dir = try await mesh()
        let tessera = TesseraBinary.url.path
        #expect(
            try shell(
                "\(tessera) query 'select n from sales.numbers order by n' --format json | cat > out.json", in: dir.url)
                == 0)
        let data = try Data(contentsOf: dir.url.appendingPathComponent("out.json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.map { $0["n"] as? Int } == [0, 1, 2])
    }

    /// Large results stream: a 24M-row export (about 2.4 GB of CSV) peaks far below its size.
    /// (About 140 MB alone and 200 MB on a busy machine, whatever the size: DuckDB's writers
    /// buffer a bounded amount each.)
    @Test func aLargeExportStreamsInBoundedMemory() async throws {
        let dir = try await mesh()
        let sql = "select n, repeat('x', 90) as pad, r from sales.numbers, range(8000000) t(r)"
        let command = "exec '\(TesseraBinary.url.path)' query \"\(sql)\" --format csv > /dev/null"
        let (status, peakKB) = try Self.runMeasuringMemory(command, in: dir.url)
        #expect(status == 0)
        #expect(peakKB < 1_000_000, "peak \(peakKB) KB for about 2.4 GB of output")
    }

    /// Runs `command` with /bin/sh and returns its exit status and peak resident memory (KB), from
    /// wait4's own accounting of that one child.
    static func runMeasuringMemory(_ command: String, in dir: URL) throws -> (Int32, Int) {
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", "cd '\(dir.path)' && \(command)"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xff, Int(usage.ru_maxrss))
    }

    /// As under systemd, where standard output is a socket: `/dev/stdout` cannot be opened there,
    /// so a result written through it would fail.
    @Test func csvThroughASocketArrivesWhole() async throws {
        let dir = try await mesh()
        var ends: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        let process = Process()
        process.executableURL = TesseraBinary.url
        process.arguments = ["query", "select n from sales.numbers order by n", "--format", "csv"]
        process.currentDirectoryURL = dir.url
        process.standardOutput = FileHandle(fileDescriptor: ends[0], closeOnDealloc: false)
        try process.run()
        close(ends[0])
        let received = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true).readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: received, as: UTF8.self) == "n\n0\n1\n2\n")
    }
}

/// Under `--format json` a command that fails before its report still prints one JSON document on
/// stdout, with the same fields whatever the command.
@Suite struct ErrorJSONTests {
    @Test func failuresAreAJSONDocumentWithTheSameFieldsForEveryCommand() async throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        for arguments in [
            ["query", "select nope", "--format", "json"], ["runs", "show", "zzz", "--format", "json"],
            ["lineage", "sales.nothing", "--format", "json"],
            // A command line the parser refuses is an error as well.
            ["run", "--threads", "zero", "--format", "json"], ["plan", "--no-such-option", "--format", "json"],
        ] {
            let outcome = try await TesseraBinary.run(arguments, in: dir.url)
            #expect(outcome.status == 2, "\(arguments)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                "\(arguments): \(outcome.stdout)")
            #expect(document["status"] as? String == "error")
            #expect(document["exitCode"] as? Int == 2)
            let error = try #require(document["error"] as? [String: Any])
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect(!outcome.stderr.isEmpty)
        }
        // The user's own SQL is what an error points at.
        let query = try await TesseraBinary.run(["query", "select nope"], in: dir.url)
        #expect(query.stderr.contains("LINE 1: select nope"), "\(query.stderr)")
        #expect(query.stdout.isEmpty)
    }
}
