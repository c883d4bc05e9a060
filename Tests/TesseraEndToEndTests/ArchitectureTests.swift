import Foundation
import Testing

/// The import rules of docs/architecture.md, enforced: every `import` in `Sources/<target>` must be
/// one the target's row of the page's table allows. The page is the rule; a change to the layout
/// changes the page first.
@Suite struct ArchitectureTests {
    /// Modules of the toolchain and the platform, which any target may import.
    static let system: Set<String> = [
        "Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Synchronization", "Glibc", "Musl",
        "Darwin", "os", "_Concurrency",
    ]

    static var root: URL {
        // Tests/TesseraEndToEndTests/ArchitectureTests.swift → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `target → allowed imports`, from the rows of the page's table whose last cell lists them.
    static func rules() throws -> [String: Set<String>] {
        let page = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        guard let table = page.components(separatedBy: "| target | holds | may import |").dropFirst().first else {
            return [:]
        }
        var rules: [String: Set<String>] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4 else { continue }
            let allowed = Set(
                cells[cells.count - 2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0 != "—" && !$0.isEmpty })
            for target in cells[1].split(separator: ",") {
                rules[target.trimmingCharacters(in: CharacterSet(charactersIn: " `"))] = allowed
            }
        }
        return rules
    }

    /// Every module `Sources/<target>` imports, with a file that does.
    static func imports(of target: String) throws -> [String: String] {
        let folder = root.appendingPathComponent("Sources/\(target)")
        var found: [String: String] = [:]
        let pattern = try Regex(
            #"^(?:@_exported |@preconcurrency |internal |public |private )*import (?:struct |enum |class |func |protocol )?([A-Za-z_][A-Za-z0-9_]*)"#
        )
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            ?? .init()
        where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                guard let match = try pattern.firstMatch(in: String(line)), let module = match.output[1].substring
                else { continue }
                found[String(module)] = file.lastPathComponent
            }
        }
        return found
    }

    @Test func everyTargetImportsOnlyWhatThePageAllows() throws {
        let rules = try Self.rules()
        let targets = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("Sources").path)
        #expect(!rules.isEmpty, "docs/architecture.md has no table of targets")
        for target in targets.sorted() {
            guard let allowed = rules[target] else {
                Issue.record("Sources/\(target) has no row in docs/architecture.md's table of targets")
                continue
            }
            for (module, file) in try Self.imports(of: target)
            where !allowed.contains(module) && !Self.system.contains(module) {
                Issue.record(
                    "\(target) imports \(module) (in \(file)); docs/architecture.md allows: \(allowed.sorted().joined(separator: ", "))"
                )
            }
        }
    }

    /// Every Swift file below `Sources/<target>`, as (target, path relative to the root, text).
    static func sourceFiles() throws -> [(target: String, path: String, text: String)] {
        let sources = root.appendingPathComponent("Sources")
        var files: [(String, String, String)] = []
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
            ?? .init()
        where file.pathExtension == "swift" {
            let relative = file.path.replacingOccurrences(of: root.path + "/", with: "")
            let target = relative.split(separator: "/").dropFirst().first.map(String.init) ?? ""
            files.append((target, relative, try String(contentsOf: file, encoding: .utf8)))
        }
        return files
    }

    /// A newcomer finds a concept by its name: no two types in `Sources/` are called the same,
    /// even in different targets (two `HTTPTransport`s were).
    @Test func noTwoTypesShareAName() throws {
        let declaration = try Regex(
            #"^(?:(?:public|internal|private|fileprivate|final|open|indirect)\s+)*(?:struct|enum|class|protocol|actor)\s+([A-Za-z_][A-Za-z0-9_]*)"#
        )
        var homes: [String: [String]] = [:]
        for file in try Self.sourceFiles() {
            for line in file.text.split(separator: "\n") {
                guard let match = try declaration.firstMatch(in: String(line)), let name = match.output[1].substring
                else { continue }
                homes[String(name), default: []].append(file.path)
            }
        }
        for (name, files) in homes.sorted(by: { $0.key < $1.key }) where files.count > 1 {
            Issue.record("\(name) is declared \(files.count) times: \(files.sorted().joined(separator: ", "))")
        }
    }

    /// One HTTP client: only `TesseraHTTP` talks to URLSession; the HTTP connector and the
    /// OpenLineage transport send through it.
    @Test func onlyTheHTTPTargetUsesURLSession() throws {
        let urlSession = try Regex(#"\bURLSession(Configuration)?\b"#)
        for file in try Self.sourceFiles() where file.target != "TesseraHTTP" && file.text.contains(urlSession) {
            Issue.record("\(file.path) uses URLSession: send through TesseraHTTP's HTTPClient instead")
        }
    }

    @Test func theRulesAreReadFromThePage() throws {
        let rules = try Self.rules()
        #expect(
            rules["tessera"] == [
                "TesseraCore", "TesseraModel", "TesseraService", "TesseraServer", "PostgresEndpoint", "ArgumentParser",
            ])
        #expect(rules["CDuckDB"] == [])
    }
}
