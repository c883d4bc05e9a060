import ArgumentParser
import TesseraCore

/// Selection of nodes, as in dbt (the selectors are documented in docs/reference/cli.md).
struct SelectorOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "What to select: name, domain.name, domain.src.source (with * and ? wildcards), domain:NAME, tag:NAME, state:modified, +name / 2+name (with upstream), name+ / name+1 (with downstream), @name, a,b (both); several are a union.",
            valueName: "selector"))
    var selectors: [String] = []

    @Option(name: .long, help: ArgumentHelp("Leave out what this selector matches.", valueName: "selector"))
    var exclude: [String] = []

    func selection() throws -> Selection {
        do { return try Selection(include: selectors, exclude: exclude) } catch {
            throw CLIError(.usage, error.description + ".")
        }
    }
}
