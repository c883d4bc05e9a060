import ArgumentParser
import Foundation
import TesseraCore

/// `tessera audit`: the audit log of the environment, newest first; `--verify` recomputes the
/// hash chain and exits 1 naming the first entry that was edited or removed (docs/audit.md).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "The audit log: runs, publishes, contract and access changes, queries. --verify checks it was not tampered with."
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
            let actors = entries.map(\.actor.count).max() ?? 10,
                targets = min(40, entries.map(\.target.count).max() ?? 10)
            console.result(
                console.styled(
                    "SEQ    TIME (UTC)               \("ACTOR".padding(toLength: actors, withPad: " ", startingAt: 0))  ACTION           \("TARGET".padding(toLength: targets, withPad: " ", startingAt: 0))  OUTCOME      DETAIL",
                    .bold))
            for entry in entries {
                let sequence = String(entry.sequence).padding(toLength: 6, withPad: " ", startingAt: 0)
                console.result(
                    "\(sequence) \(entry.time.padding(toLength: 24, withPad: " ", startingAt: 0)) \(entry.actor.padding(toLength: actors, withPad: " ", startingAt: 0))  \(entry.action.padding(toLength: 16, withPad: " ", startingAt: 0)) \(entry.target.padding(toLength: targets, withPad: " ", startingAt: 0))  \(entry.outcome.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Self.shortened(entry.detail))"
                )
            }
        }
    }

    /// The detail on one line, cut at 100 characters; `--format json` has it whole.
    static func shortened(_ detail: String) -> String {
        let line = detail.replacingOccurrences(of: "\n", with: " ")
        return line.count > 100 ? String(line.prefix(99)) + "…" : line
    }
}
