import Foundation
import Testing

/// Runs `docs/tutorial.md` as a user would, so the tutorial cannot rot.
///
/// Each runnable step is a fenced block preceded by an HTML comment (invisible when rendered):
/// - `<!-- tutorial: run; expect: TEXT; exit: N -->` then a `sh` block: every line is
///   `tessera …` (run with the real binary; quotes group words as in a shell) or `cd DIR`; the
///   block's combined output must contain each `expect:` text, and each command must exit with
///   `exit:` (default 0);
/// - `<!-- tutorial: write PATH -->` then any block: its contents are written to PATH, relative
///   to the current folder.
/// Steps run in the order of the page, in one fresh folder.
@Suite struct TutorialTests {
    enum Step {
        case run(commands: [String], expect: [String], exit: Int32, line: Int)
        case write(path: String, contents: String, line: Int)
    }

    static var page: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("docs/tutorial.md")
    }

    static func steps(of text: String) throws -> [Step] {
        let lines = text.components(separatedBy: "\n")
        var steps: [Step] = []
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            guard line.hasPrefix("<!-- tutorial:"), line.hasSuffix("-->") else { continue }
            let directive = line.dropFirst("<!-- tutorial:".count).dropLast(3).trimmingCharacters(in: .whitespaces)
            let marker = index
            // The fenced block right after the comment (blank lines allowed).
            while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
            guard index < lines.count, lines[index].hasPrefix("```") else {
                Issue.record("docs/tutorial.md:\(marker): a tutorial comment must be followed by a fenced block")
                continue
            }
            index += 1
            var body: [String] = []
            while index < lines.count, !lines[index].hasPrefix("```") { body.append(lines[index]); index += 1 }
            index += 1
            if directive.hasPrefix("write ") {
                let path = directive.dropFirst("write ".count).trimmingCharacters(in: .whitespaces)
                steps.append(.write(path: path, contents: body.joined(separator: "\n") + "\n", line: marker))
            } else {
                let parts = directive.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.first == "run" else {
                    Issue.record("docs/tutorial.md:\(marker): unknown tutorial directive '\(directive)'")
                    continue
                }
                var expect: [String] = [], exit: Int32 = 0
                for part in parts.dropFirst() {
                    if part.hasPrefix("expect:") {
                        expect.append(part.dropFirst("expect:".count).trimmingCharacters(in: .whitespaces))
                    } else if part.hasPrefix("exit:"),
                        let code = Int32(part.dropFirst("exit:".count).trimmingCharacters(in: .whitespaces))
                    {
                        exit = code
                    } else {
                        Issue.record("docs/tutorial.md:\(marker): unknown option '\(part)'")
                    }
                }
                steps.append(
                    .run(
                        commands: body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, expect: expect,
                        exit: exit, line: marker))
            }
        }
        return steps
    }

    /// Splits a command line into words as a shell would for the simple quoting the page uses.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, inWord = false
        for char in line {
            if let open = quote {
                if char == open { quote = nil } else { current.append(char) }
            } else if char == "\"" || char == "'" {
                quote = char; inWord = true
            } else if char == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(char); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func theTutorialRunsAsWritten() async throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let steps = try Self.steps(of: text)
        #expect(steps.count >= 10, "the tutorial lost its tested steps")
        let dir = try TemporaryDirectory()
        var cwd = dir.url
        for step in steps {
            switch step {
            case .write(let path, let contents, let line):
                let file = cwd.appendingPathComponent(path)
                #expect(
                    file.path.hasPrefix(dir.url.path), "docs/tutorial.md:\(line): writes outside the tutorial's folder")
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: file)
            case .run(let commands, let expect, let exit, let line):
                var output = ""
                for command in commands {
                    let words = Self.words(command)
                    switch words.first {
                    case "cd":
                        cwd = cwd.appendingPathComponent(words.dropFirst().joined(separator: " ")).standardizedFileURL
                    case "tessera":
                        let outcome = try await TesseraBinary.run(Array(words.dropFirst()), in: cwd)
                        output += outcome.stdout + outcome.stderr
                        #expect(
                            outcome.status == exit,
                            "docs/tutorial.md:\(line): `\(command)` exited \(outcome.status), not \(exit):\n\(outcome.stdout)\(outcome.stderr)"
                        )
                    default:
                        Issue.record(
                            "docs/tutorial.md:\(line): a tested block may hold only `tessera …` and `cd` lines, not `\(command)`"
                        )
                    }
                }
                for text in expect {
                    #expect(output.contains(text), "docs/tutorial.md:\(line): the output lacks '\(text)':\n\(output)")
                }
            }
        }
    }
}
