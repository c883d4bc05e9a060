import Foundation

/// Runs the real `tessera` binary, as a user would, and captures what it prints.
///
/// The binary is built next to the test bundle by `swift test` (the end-to-end test target
/// depends on the executable), so tests find it beside their own executable.
public enum TesseraBinary {
    public typealias Outcome = ProcessRunner.Outcome

    public static var url: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        // On Linux the tests run from <build>/debug/<pkg>PackageTests.xctest; on macOS from a bundle.
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("tessera").path), dir.path != "/"
        {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("tessera")
    }

    /// Runs `tessera` with `arguments` in `directory`; `environment` adds to this process's,
    /// with colour off so that output compares as plain text. In async code it waits on a thread
    /// of its own, never on Swift concurrency's shared pool (see `ProcessRunner.run`).
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:])
        async throws -> Outcome
    {
        try await ProcessRunner.run(
            url, arguments, in: directory, environment: ["NO_COLOR": "1"].merging(environment) { $1 })
    }

    /// As the async `run`, blocking the calling thread: for synchronous code.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> Outcome
    {
        try ProcessRunner.run(url, arguments, in: directory, environment: ["NO_COLOR": "1"].merging(environment) { $1 })
    }
}
