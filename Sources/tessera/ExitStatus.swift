import ArgumentParser
import TesseraCore

/// The exit codes documented in docs/reference/cli.md. Scripts and CI depend on them, so they never
/// change meaning.
enum ExitStatus: Int32 {
    /// Everything worked.
    case success = 0
    /// The data failed: a check, a contract or a load.
    case dataFailed = 1
    /// The project or the command is wrong; the message says where and what to do.
    case usage = 2
    /// A bug or an environment failure in Tessera itself.
    case internalError = 3

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// The core's errors as the exit codes scripts depend on.
    init(_ kind: CoreError.Kind) {
        switch kind {
        case .usage, .forbidden, .notFound: self = .usage
        case .internalError: self = .internalError
        }
    }
}

/// An error the user can fix (or, with `.internalError`, one they should report).
/// The entry point prints `message` (and `hint`) and exits with `status`: never a stack trace.
struct CLIError: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    var hint: String?

    init(_ status: ExitStatus, _ message: String, hint: String? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
    }

    var description: String { message }
}

/// Thrown after a command has already printed its own report (e.g. diagnostics) and only the
/// exit status remains to be set.
struct ExitAfterReport: Error {
    var status: ExitStatus
}
