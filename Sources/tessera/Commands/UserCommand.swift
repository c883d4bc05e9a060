import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tessera user set-password PRINCIPAL`: the password a declared person or service signs in to
/// the web UI with (and, later, the PostgreSQL endpoint). The password is read from standard
/// input, or typed twice at a prompt that does not echo — never from the command line, where
/// `ps` and shell histories would show it. The catalog keeps a SCRAM-SHA-256 verifier.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "People and services who sign in: set a password for the web UI.",
        subcommands: [SetPassword.self]
    )

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set a declared person's or service's password (read from stdin or a no-echo prompt).",
            discussion: """
                At a terminal the password is asked twice without echo; otherwise the first line of \
                standard input is the password (e.g. `printf '%s\\n' "$PW" | tessera user set-password ana@acme.example`). \
                At least \(Credentials.minimumLength) characters. The catalog stores only a SCRAM-SHA-256 \
                verifier; setting a password signs the principal out of every web session.
                """)
        @Argument(help: ArgumentHelp("The person or service, as declared in the project.", valueName: "principal"))
        var principal: String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let workspace = try global.workspace()
            let who = try workspace.tokens.principal(named: principal)
            let password = try PasswordInput.read(for: principal)
            try await workspace.credentials.setPassword(password, for: who)
            switch format {
            case .json:
                struct PasswordSet: Encodable {
                    var principal: String
                    var passwordSet = true
                }
                console.result(try JSONOutput.encode(PasswordSet(principal: principal)))
            default:
                console.result("\(console.styled("✓", .green)) the password of \(principal) is set")
            }
        }
    }
}

/// Reads a password: twice at a terminal with echo off, else one line of standard input.
enum PasswordInput {
    static func read(for principal: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError(
                    .usage, "no password on standard input.",
                    hint:
                        "type it at a terminal, or pipe one line: printf '%s\\n' \"$PASSWORD\" | tessera user set-password \(principal)"
                )
            }
            return line
        }
        let first = try prompt("New password for \(principal): ")
        let second = try prompt("Again: ")
        guard first == second else { throw CLIError(.usage, "the two passwords differ; nothing was changed.") }
        return first
    }

    /// One line typed with echo off; the terminal's settings come back whatever happens.
    static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw CLIError(.usage, "cannot read the terminal's settings.")
        }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError(.usage, "no password typed; nothing was changed.")
        }
        return line
    }
}
