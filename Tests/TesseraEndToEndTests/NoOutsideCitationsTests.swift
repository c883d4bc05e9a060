import Foundation
import Testing

/// Comments, tests, docs and benchmark scripts must say what they mean or point to a page of this
/// repository: a citation of a planning document that lives outside it (the project's spec, design
/// notes or peer survey) is a pointer no reader can follow.
///
/// The names are built from parts, so that this file does not cite what it forbids.
@Suite struct NoOutsideCitationsTests {
    static var root: URL {
        // Tests/TesseraEndToEndTests/NoOutsideCitationsTests.swift → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// What is scanned: these folders (recursively) and files, relative to the package root.
    static let folders = ["Sources", "Tests", "docs", "Benchmarks", "scripts"]
    static let files = ["README.md", "Makefile", "Package.swift"]
    /// Folders whose content is recorded output or generated, not written prose (relative paths).
    static let skipped: Set<String> = ["Benchmarks/results", "Benchmarks/data"]

    /// The outside documents, as whole words: the spec in any form (`… §7`, `….md`, `…'s`, `…'d`),
    /// the design notes and the peer survey by file name.
    static let forbidden: [String] = {
        let word = "(?:^|[^A-Za-z0-9_])"
        let end = "(?![A-Za-z0-9_])"
        return [
            word + "SP" + "EC" + end,
            word + "DES" + "IGN" + #"\.md"# + end,
            word + "PE" + "ERS" + #"\.md"# + end,
        ]
    }()

    /// Every citation in `text`, as `line: excerpt`.
    static func citations(in text: String) throws -> [String] {
        let patterns = try forbidden.map { try Regex($0) }
        var found: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if patterns.contains(where: { line.contains($0) }) {
                found.append("\(index + 1): \(line.trimmingCharacters(in: .whitespaces).prefix(120))")
            }
        }
        return found
    }

    /// The text files to scan: hidden folders (`.build`, virtualenvs) and the skipped ones are left
    /// out, and a file that is not UTF-8 text (Parquet fixtures, databases) is not prose.
    static func scannedFiles() -> [(path: String, text: String)] {
        let manager = FileManager.default
        var result: [(path: String, text: String)] = []
        for file in files {
            if let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) {
                result.append((file, text))
            }
        }
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard
                let walker = manager.enumerator(
                    at: base, includingPropertiesForKeys: [.isDirectoryKey],
                    options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in walker {
                var relative = folder + url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count)
                while relative.hasSuffix("/") { relative.removeLast() }
                if (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                    if skipped.contains(relative) { walker.skipDescendants() }
                    continue
                }
                if let text = try? String(contentsOf: url, encoding: .utf8) { result.append((relative, text)) }
            }
        }
        return result
    }

    @Test func noFileCitesADocumentOutsideTheRepository() throws {
        let scanned = Self.scannedFiles()
        #expect(scanned.contains { $0.path == "docs/reference/project-files.md" }, "the scan found the docs")
        #expect(scanned.contains { $0.path.hasPrefix("Sources/tessera/") }, "the scan found the sources")
        var offenders: [String] = []
        for file in scanned {
            offenders += try Self.citations(in: file.text).map { "\(file.path):\($0)" }
        }
        #expect(
            offenders.isEmpty,
            """
            These cite a document outside the repository; say the thing itself, or point to the page \
            of docs/ that says it:
            \(offenders.joined(separator: "\n"))
            """)
    }

    @Test func theMatcherFindsEachFormAndOnlyWholeWords() throws {
        let spec = "SP" + "EC"
        for cited in [
            "exit codes of \(spec) §7", "see \(spec).md", "as \(spec)'s example does", "options as \(spec)'d",
            "the library \("DES" + "IGN").md names", "(\("PE" + "ERS").md)",
        ] {
            #expect(try Self.citations(in: "ok\n" + cited).count == 1, "\(cited)")
        }
        for innocent in ["AF_UN\(spec)", "the OpenLineage spec", "\(spec)TRUM", "PEERS in benchlib.py", "MY_DESIGN.md"]
        {
            #expect(try Self.citations(in: innocent).isEmpty, "\(innocent)")
        }
    }
}
