import ArgumentParser
import Foundation
import Synchronization
import TesseraCore

/// Runs `tessera` and maps every outcome to the exit codes documented in docs/reference/cli.md.
///
/// ArgumentParser's own `main()` exits with 64 on a usage error; ours is 2, and our own
/// errors carry their status, so parsing and dispatch are done here.
@main
enum EntryPoint {
    /// Set when part of the project was left out (a domain with errors): the command did what it
    /// could, and its exit status still says that something was wrong.
    static let partial = Mutex(false)

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command: ParsableCommand
        do {
            command = try Tessera.parseAsRoot(arguments)
        } catch {
            exitForParseError(error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
            exit(partial.withLock { $0 } ? ExitStatus.usage.rawValue : ExitStatus.success.rawValue)
        } catch let error as CLIError {
            Console.error(error.message, hint: error.hint)
            exit(error.status.rawValue)
        } catch let error as CoreError {
            report(error)
            exit(ExitStatus(error.kind).rawValue)
        } catch let error as ExitAfterReport {
            exit(partial.withLock { $0 } ? max(error.status.rawValue, ExitStatus.usage.rawValue) : error.status.rawValue)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            if Tessera.exitCode(for: error) == .success {
                print(Tessera.fullMessage(for: error))
                exit(0)
            }
            Console.error("internal error: \(error)", hint: "this is a bug in Tessera; please report it with the command you ran.")
            exit(ExitStatus.internalError.rawValue)
        }
    }

    /// The core's refusal: the project's problems first (as `validate` prints them), then why
    /// nothing was done.
    static func report(_ error: CoreError) {
        let renderer = DiagnosticRenderer(console: Console(useColor: false, verbosity: .normal))
        for diagnostic in error.diagnostics { Console.write(renderer.render(diagnostic) + "\n", to: .standardError) }
        Console.error(error.message, hint: error.hint)
    }

    /// `--help` and `--version` exit 0; anything else about the command line is a usage error (2).
    static func exitForParseError(_ error: Error) -> Never {
        let message = Tessera.fullMessage(for: error)
        if Tessera.exitCode(for: error) == .success {
            print(message)
            exit(ExitStatus.success.rawValue)
        }
        Console.write(message + "\n", to: .standardError)
        exit(ExitStatus.usage.rawValue)
    }
}
