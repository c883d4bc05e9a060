import ArgumentParser
import Foundation
import Synchronization
import TesseraCore
import TesseraModel

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
            exitForParseError(error, arguments: arguments)
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
            ErrorJSON(status: error.status, message: error.message, hint: error.hint).print(if: arguments)
            exit(error.status.rawValue)
        } catch let error as CoreError {
            report(error)
            ErrorJSON(
                status: ExitStatus(error.kind), message: error.message, hint: error.hint, diagnostics: error.diagnostics
            )
            .print(if: arguments)
            exit(ExitStatus(error.kind).rawValue)
        } catch let error as ExitAfterReport {
            exit(
                partial.withLock { $0 } ? max(error.status.rawValue, ExitStatus.usage.rawValue) : error.status.rawValue)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            if Tessera.exitCode(for: error) == .success {
                print(Tessera.fullMessage(for: error))
                exit(0)
            }
            let hint = "this is a bug in Tessera; please report it with the command you ran."
            Console.error("internal error: \(error)", hint: hint)
            ErrorJSON(status: .internalError, message: "internal error: \(error)", hint: hint).print(if: arguments)
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
    static func exitForParseError(_ error: Error, arguments: [String]) -> Never {
        let message = Tessera.fullMessage(for: error)
        if Tessera.exitCode(for: error) == .success {
            print(message)
            exit(ExitStatus.success.rawValue)
        }
        Console.write(message + "\n", to: .standardError)
        ErrorJSON(
            status: .usage, message: Tessera.message(for: error),
            hint: "`tessera \(arguments.first ?? "") --help` lists what it takes."
        ).print(if: arguments)
        exit(ExitStatus.usage.rawValue)
    }
}

/// A command that fails before it can print its report, under `--format json`: one JSON document on
/// stdout all the same — the same fields for every command — so a script parsing stdout always
/// gets JSON. (The message is on stderr too, as in text.)
struct ErrorJSON: Encodable {
    struct Detail: Encodable {
        var message: String
        var hint: String?
        var diagnostics: [TesseraModel.Diagnostic]
    }

    var status = "error"
    var exitCode: Int32
    var error: Detail

    init(status: ExitStatus, message: String, hint: String?, diagnostics: [TesseraModel.Diagnostic] = []) {
        exitCode = status.rawValue
        error = Detail(message: message, hint: hint, diagnostics: diagnostics)
    }

    /// Prints itself when the command line asked for `--format json`.
    func print(if arguments: [String]) {
        let asked =
            zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" }
            || arguments.contains("--format=json")
        guard asked, let text = try? JSONOutput.encode(self) else { return }
        Console.write(text + "\n", to: .standardOutput)
    }
}
