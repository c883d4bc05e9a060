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

    /// The tool's path; nil (said, and the test skipped) when the venv is missing outside CI,
    /// a failure under CI.
    static func tool(_ name: String) -> URL? {
        let tool = venv.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: tool.path) { return tool }
        let message = "\(tool.path) is missing: run scripts/setup-api-validators.sh (make test does)"
        if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: message)) }
        print("skipped: \(message)")
        return nil
    }
}
