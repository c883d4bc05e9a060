import ArgumentParser
import Foundation
import TesseraCore

/// The options every command accepts (docs/reference/cli.md), shared through `@OptionGroup`;
/// `--format` is each command's own (`FormatOptions.swift`).
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The mesh project folder (default: the nearest folder upward with a tessera.yaml).", valueName: "dir"))
    var project: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The environment (default: the first in tessera.yaml, usually dev).", valueName: "name"))
    var env: String?

    @Flag(name: .long, help: "Print only errors and the final result.")
    var quiet = false

    @Flag(name: .long, help: "Print more detail about what happens.")
    var verbose = false

    @Flag(name: .customLong("no-color"), help: "Never use colors (also: the NO_COLOR environment variable).")
    var noColor = false

    func validate() throws {
        if quiet && verbose {
            throw ValidationError("--quiet and --verbose cannot be used together.")
        }
    }

    /// The console this invocation writes to, styled according to these options.
    func console() -> Console {
        Console(
            useColor: !noColor && Console.stdoutIsColorTerminal(),
            verbosity: quiet ? .quiet : (verbose ? .verbose : .normal)
        )
    }

    /// The project root: `--project` if given, else the nearest folder upward with a tessera.yaml.
    func projectRoot() throws -> URL {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return try ProjectLocator.locate(explicit: project, from: cwd)
    }

    /// The project in the chosen environment, through the core; refused with its diagnostics when
    /// it has errors.
    /// Domains with errors are left out and said so on stderr; the command then exits 2 even when
    /// the rest worked (`EntryPoint.finalStatus`).
    func workspace() throws -> Workspace {
        let workspace = try Workspace(root: try projectRoot(), environment: env)
        for domain in workspace.skippedDomains {
            Console.write(
                "warning: domain '\(domain.name)' is skipped: \(domain.reason) (`tessera validate` lists them)\n",
                to: .standardError)
        }
        if !workspace.skippedDomains.isEmpty { EntryPoint.partial.withLock { $0 = true } }
        return workspace
    }

    /// The environment's catalog for discovery; the project is read only when the catalog's
    /// recording of it is missing or older than its files.
    func catalog(console: Console) async throws -> CatalogBrowser {
        try await CatalogBrowser.open(root: try projectRoot(), environment: env, progress: { console.detail($0) })
    }
}
