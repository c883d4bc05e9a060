import Foundation

/// Runs a program to its end, as a user would from a shell, and captures what it prints.
public enum ProcessRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Runs `executable` with `arguments` in `directory` (the current one when nil), with this
    /// process's environment plus `environment`, and waits for it to exit.
    ///
    /// In async code this one is chosen: it waits on a thread of its own. A test that waited on
    /// one of the threads of Swift concurrency's shared pool (as many as cores) would stall
    /// everything else running in the test process — fixture servers, emitters, timers — for as
    /// long as the program runs.
    @discardableResult
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:]
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        try runBlocking(executable, arguments, in: directory, environment: environment)
                    })
            }
        }
    }

    /// As the async `run`, blocking the calling thread: for synchronous code.
    @discardableResult
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> Outcome {
        try runBlocking(executable, arguments, in: directory, environment: environment)
    }

    private static func runBlocking(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both streams are drained at once, and before waiting: a child blocked on a full pipe
        // would otherwise never exit.
        let errors = PipeReader(err)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}
