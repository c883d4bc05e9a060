import ArgumentParser
import Foundation
import TesseraCore

/// `tessera audit`: the audit log of the environment, newest first; `--verify` recomputes the
/// hash chain and exits 1 naming the first entry that was edited or removed (docs/audit.md).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "The audit log: runs, publishes, contract and access changes, queries. --verify checks it was not tampered with.",
        usage: "tessera audit [<options>]"
    )
    @Option(name: .long, help: ArgumentHelp("How many entries to list.", valueName: "n")) var limit = 50
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only entries of this action: \(AuditAction.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "action"))
    var action: String?
    @Flag(name: .long, help: "Recompute the hash chain; exit 1 naming the first edited or missing entry.") var verify =
        false
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if let action, AuditAction(rawValue: action) == nil {
            throw ValidationError(
                "--action \(action): no such action; use one of \(AuditAction.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        if verify, action != nil { throw ValidationError("--verify checks the whole log; give no --action with it.") }
    }

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let workspace = try global.workspace()
        let audit = workspace.audit
        if verify {
            let result = try await audit.verify()
            switch format {
            case .json: console.result(try JSONOutput.encode(result))
            default:
                if let problem = result.problem {
                    console.result(
                        "\(console.styled("✗", .red)) the audit log of '\(workspace.environment)' fails verification\(problem.sequence > 0 ? " at entry \(problem.sequence)" : ""): \(problem.message)"
                    )
                    let folder = audit.folder
                    console.info(
                        problem.sequence > 1
                            ? "  hint: entries 1–\(problem.sequence - 1) check out; restore the catalog from a backup, and find out who could write \(folder)."
                            : "  hint: restore the catalog and its head file from a backup, and find out who could write \(folder)."
                    )
                } else {
                    let head = result.last.map { ", head \($0.sequence) \($0.hash.prefix(16))…" } ?? ""
                    console.result(
                        "\(console.styled("✓", .green)) the audit log of '\(workspace.environment)' is intact: \(result.entries) entr\(result.entries == 1 ? "y" : "ies")\(head)"
                    )
                }
            }
            if !result.intact { throw ExitAfterReport(status: .dataFailed) }
            return
        }
        let entries = try await audit.entries(limit: limit, action: action)
        switch format {
        case .json: console.result(try JSONOutput.encode(entries))
        default:
            guard !entries.isEmpty else {
                console.result(
                    "No audit entries\(action.map { " for \($0)" } ?? "") in '\(workspace.environment)' yet.")
                return
            }
            // Actor and target are cut so that a row fits 100 columns; the detail has a line of its own.
            let actors = min(16, entries.map(\.actor.count).max() ?? 10),
                targets = min(22, entries.map(\.target.count).max() ?? 10)
            console.result(
                console.styled(
                    "SEQ    TIME (UTC)          \(Self.cell("ACTOR", actors))  ACTION           \(Self.cell("TARGET", targets))  OUTCOME",
                    .bold))
            for entry in entries {
                // `2026-11-23T10:15:00.123Z` as `2026-11-23 10:15:00`.
                let time = String(entry.time.prefix(19)).replacingOccurrences(of: "T", with: " ")
                console.result(
                    "\(Self.cell(String(entry.sequence), 6)) \(Self.cell(time, 19)) \(Self.cell(entry.actor, actors))  \(Self.cell(entry.action, 16)) \(Self.cell(entry.target, targets))  \(entry.outcome)"
                )
                console.result("       " + Self.shortened(entry.detail, to: Console.width - 7))
            }
        }
    }

    /// `text` padded to `width`, or cut to it with an ellipsis.
    static func cell(_ text: String, _ width: Int) -> String {
        text.count > width
            ? String(text.prefix(width - 1)) + "…" : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// The detail on one line, cut to `width`; `--format json` has it whole.
    static func shortened(_ detail: String, to width: Int) -> String {
        let line = detail.replacingOccurrences(of: "\n", with: " ")
        return line.count > width ? String(line.prefix(width - 1)) + "…" : line
    }
}
