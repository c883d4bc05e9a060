import Foundation
import Testing

/// The command-line contract (docs/reference/cli.md) that holds before any engine exists: help for every
/// command, exit codes.
@Suite struct CommandLineTests {
    @Test func versionNamesTesseraAndDuckDB() async throws {
        let outcome = try await TesseraBinary.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("tessera "))
        #expect(outcome.stdout.contains("DuckDB v2.0.0"))
    }

    static let commands: [[String]] = [
        ["init"], ["demo"], ["validate"], ["plan"], ["run"], ["ingest"], ["check"], ["query"],
        ["catalog"], ["catalog", "search"], ["catalog", "list"], ["catalog", "show"],
        ["lineage"], ["runs"], ["runs", "show"], ["serve"],
    ]

    @Test(arguments: commands)
    func everyCommandHasHelp(_ command: [String]) async throws {
        let outcome = try await TesseraBinary.run(command + ["--help"])
        #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
        #expect(outcome.stdout.contains("USAGE: tessera \(command.joined(separator: " "))"))
    }

    @Test func globalOptionsAreOnEveryCommand() async throws {
        let help = try await TesseraBinary.run(["validate", "--help"]).stdout
        for option in ["--project", "--env", "--format", "--quiet", "--verbose", "--no-color"] {
            #expect(help.contains(option), "validate --help lacks \(option)")
        }
    }

    @Test(arguments: [
        ["plan"], ["run"], ["runs"], ["runs", "show", "1"], ["check"], ["query", "select 1"],
        ["lineage", "sales.orders"], ["serve"], ["automation", "status"],
    ])
    func projectCommandsOutsideAProjectSaySo(_ command: [String]) async throws {
        let dir = try TemporaryDirectory()
        let outcome = try await TesseraBinary.run(command, in: dir.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no tessera.yaml in"))
        #expect(!outcome.stderr.contains("Fatal error"))
    }

    @Test func unknownCommandIsAUsageError() async throws {
        let outcome = try await TesseraBinary.run(["frobnicate"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("frobnicate"))
    }

    @Test func unknownOptionIsAUsageError() async throws {
        let outcome = try await TesseraBinary.run(["validate", "--colour"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--colour"))
    }

    @Test func formatNotOfferedByACommandIsRefused() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path])
        for (command, offered) in [(["validate"], "'text' and 'json'"), (["runs", "show", "1"], "'text' and 'json'")] {
            let outcome = try await TesseraBinary.run(command + ["--format", "mermaid"], in: dir.url)
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains("'mermaid' is invalid for '--format"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains(offered), "names the formats it takes: \(outcome.stderr)")
        }
        let lineage = try await TesseraBinary.run(["lineage", "x", "--format", "csv"], in: dir.url)
        #expect(lineage.status == 2)
        #expect(lineage.stderr.contains("'text', 'json', 'dot' or 'mermaid'"), "\(lineage.stderr)")
    }

    /// Each command's `--help` lists the formats it takes, and no other.
    @Test(arguments: commands.filter { $0 != ["catalog"] && $0 != ["runs"] })
    func helpListsOnlyTheFormatsACommandTakes(_ command: [String]) async throws {
        let help = try await TesseraBinary.run(command + ["--help"]).stdout
        let offered: [String] =
            switch command {
            case ["query"]: ["table", "csv", "json", "text"]
            case ["lineage"]: ["text", "json", "dot", "mermaid"]
            default: ["text", "json"]
            }
        let parts = help.components(separatedBy: "\n  --format <format>")
        #expect(parts.count == 2, "\(help)")
        let text = parts.last?.components(separatedBy: "\n  -").first ?? ""
        for format in ["text", "json", "table", "csv", "dot", "mermaid"] {
            #expect(
                text.contains(format) == offered.contains(format),
                "tessera \(command.joined(separator: " ")) --help, \(format): \(text)")
        }
    }

    @Test func validateOutsideAProjectSaysWhatToDo() async throws {
        let dir = try TemporaryDirectory()
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no tessera.yaml in"))
        #expect(outcome.stderr.contains("tessera init"))
    }

    @Test func projectOptionPointingNowhereIsAUsageError() async throws {
        let outcome = try await TesseraBinary.run(["validate", "--project", "/nonexistent/tessera-project"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--project /nonexistent/tessera-project: no such folder"))
    }
}
