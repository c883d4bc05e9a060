import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera validate`: parse the whole project, apply governance, report every problem at once.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Parse and check the whole project and its governance rules; every problem as file:line:col: error: …",
        usage: "tessera validate [<options>]"
    )

    @OptionGroup var output: ReportFormatOption

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let root = try global.projectRoot()
        let validation = try await ProjectValidation.run(root: root, environment: global.env)
        let report = ValidationReport(root: root, project: validation.project, diagnostics: validation.diagnostics)
        switch format {
        case .json:
            console.result(try JSONOutput.encode(report))
        default:
            for diagnostic in validation.diagnostics {
                console.result(DiagnosticRenderer(console: console).render(diagnostic))
            }
            console.result(report.summary(console: console))
        }
        if report.errorCount > 0 { throw ExitAfterReport(status: .usage) }
    }
}

/// What `validate` found, as printed by `--format json`.
struct ValidationReport: Encodable {
    struct Counts: Encodable { var domains = 0, sources = 0, models = 0, products = 0 }

    var valid: Bool
    var mesh: String?
    var project: String
    var counts: Counts
    var errorCount: Int
    var warningCount: Int
    var diagnostics: [Diagnostic]

    init(root: URL, project: Project?, diagnostics: [Diagnostic]) {
        self.project = root.path
        self.mesh = project?.mesh.name
        var counts = Counts()
        for domain in project?.domains ?? [] {
            counts.domains += 1
            counts.sources += domain.sources.count
            counts.models += domain.models.count
            counts.products += domain.products.count
        }
        self.counts = counts
        self.errorCount = diagnostics.filter { $0.severity == .error }.count
        self.warningCount = diagnostics.count - errorCount
        self.valid = errorCount == 0
        self.diagnostics = diagnostics
    }

    func summary(console: Console) -> String {
        let shape = [
            plural(counts.domains, "domain"), plural(counts.sources, "source"),
            plural(counts.models, "model"), plural(counts.products, "product"),
        ].joined(separator: ", ")
        if errorCount == 0 {
            let warnings = warningCount == 0 ? "" : " (\(plural(warningCount, "warning")))"
            return console.styled("✓", .green) + " mesh '\(mesh ?? "?")' is valid: \(shape)\(warnings)"
        }
        var problems = plural(errorCount, "error")
        if warningCount > 0 { problems += ", " + plural(warningCount, "warning") }
        return console.styled("✗", .red) + " \(problems) in mesh '\(mesh ?? "?")' (\(shape))"
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// Prints a diagnostic the way compilers do, so editors and terminals can jump to it.
struct DiagnosticRenderer {
    var console: Console

    func render(_ d: Diagnostic) -> String {
        let place = "\(d.location.file):\(d.location.line):\(d.location.column):"
        let severity = d.severity == .error ? console.styled("error:", .red) : console.styled("warning:", .yellow)
        var text = "\(console.styled(place, .bold)) \(severity) \(d.message)"
        if let hint = d.hint { text += "\n  " + console.styled("hint:", .cyan) + " " + hint }
        // One line per diagnostic, never wrapped: editors and scripts read `file:line:col:` lines.
        return text
    }
}
