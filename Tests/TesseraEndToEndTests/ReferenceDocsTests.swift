import Foundation
import Testing

/// Holds `docs/reference/cli.md` to the binary: every command and every visible option the
/// binary has (asked with swift-argument-parser's `--experimental-dump-help`, which prints the
/// whole command tree as JSON) must be documented, so the reference cannot drift from the code.
///
/// A command is documented by a `###` heading that names it (`### \`tessera runs [list]…\``,
/// where each word of a subcommand's path appears in the heading) or by a table row that names
/// it; its options must appear in that section (or row). The global options must appear in the
/// "Global options" section.
@Suite struct ReferenceDocsTests {
    struct Command {
        var path: [String]
        var options: [String]
        /// A group (`catalog`, `runs`) takes its options on its subcommands.
        var isGroup: Bool
    }

    /// Options every command has: through `GlobalOptions`, `--format` through its own format option
    /// (`FormatOptions.swift`); and the parser's own.
    static let globalOptions = ["project", "env", "format", "quiet", "verbose", "no-color"]
    static let parserOptions: Set<String> = ["help", "version", "experimental-dump-help"]

    static var repository: URL {
        // Tests/TesseraEndToEndTests/ReferenceDocsTests.swift → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The command tree, from the binary itself.
    func commands() async throws -> [Command] {
        let outcome = try await TesseraBinary.run(["--experimental-dump-help"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        var found: [Command] = []
        func walk(_ node: [String: Any], _ path: [String]) {
            let arguments = node["arguments"] as? [[String: Any]] ?? []
            let options = arguments.compactMap { argument -> String? in
                guard argument["shouldDisplay"] as? Bool != false, argument["kind"] as? String != "positional" else {
                    return nil
                }
                let names = argument["names"] as? [[String: Any]] ?? []
                return names.first { $0["kind"] as? String == "long" }?["name"] as? String
            }
            let subcommands = node["subcommands"] as? [[String: Any]] ?? []
            if !path.isEmpty {
                found.append(
                    Command(
                        path: path, options: options.filter { !Self.parserOptions.contains($0) },
                        isGroup: !subcommands.isEmpty))
            }
            for sub in subcommands {
                // `help` is swift-argument-parser's own, documented by `--help` itself.
                if let name = sub["commandName"] as? String, name != "help" { walk(sub, path + [name]) }
            }
        }
        walk(command, [])
        return found
    }

    /// The parts of cli.md that document `path`: its heading sections and its table rows.
    func sections(for path: [String], in text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var sections: [String] = []
        func names(_ line: String) -> Bool {
            guard line.contains("tessera \(path[0])") else { return false }
            return path.dropFirst().allSatisfy { word in
                line.range(of: "\\b\(word)\\b", options: .regularExpression) != nil
            }
        }
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("### "), names(line) {
                let rest = lines[(index + 1)...].prefix { !$0.hasPrefix("#") }
                sections.append(([line] + rest).joined(separator: "\n"))
            } else if line.hasPrefix("|"), names(line) {
                sections.append(line)
            }
        }
        return sections
    }

    @Test func everyCommandAndOptionIsInTheCLIReference() async throws {
        let text = try String(
            contentsOf: Self.repository.appendingPathComponent("docs/reference/cli.md"), encoding: .utf8)
        let commands = try await commands()
        #expect(commands.contains { $0.path == ["demo"] })
        var missing: [String] = []
        for command in commands {
            let found = sections(for: command.path, in: text)
            let name = "tessera " + command.path.joined(separator: " ")
            guard !found.isEmpty else { missing.append("\(name): no `### \(name)…` heading or table row"); continue }
            for option in command.options where !Self.globalOptions.contains(option) {
                if !found.contains(where: { $0.contains("--\(option)") }) {
                    missing.append("\(name): option --\(option) is not in its section")
                }
            }
        }
        let global =
            text.components(separatedBy: "## Global options").dropFirst().first?.components(separatedBy: "\n## ").first
            ?? ""
        for option in Self.globalOptions where !global.contains("`--\(option)") {
            missing.append("global option --\(option) is not in the Global options section")
        }
        #expect(missing.isEmpty, "docs/reference/cli.md misses:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theBinaryReallyHasEveryGlobalOption() async throws {
        // If GlobalOptions changes, the list above (and the docs) must change with it.
        for command in try await commands() where !command.isGroup {
            for option in Self.globalOptions {
                #expect(command.options.contains(option), "tessera \(command.path[0]) has no --\(option)")
            }
        }
    }
}
