import Foundation
import Testing
import TesseraTesting

/// The Python tools `make test` installs in .deps/api-venv (scripts/setup-api-validators.sh).
enum APIValidators {
    static var root: URL {
        // Tests/TesseraServerTests/APIValidators.swift → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var venv: URL { root.appendingPathComponent(".deps/api-venv/bin") }

    /// The tool's path; nil, and the test failed, when the venv is missing (a validation that did
    /// not happen must not pass).
    static func tool(_ name: String) -> URL? {
        let tool = venv.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: tool.path) { return tool }
        Issue.record(
            Comment(rawValue: "\(tool.path) is missing: run scripts/setup-api-validators.sh (make test does)"))
        return nil
    }
}
