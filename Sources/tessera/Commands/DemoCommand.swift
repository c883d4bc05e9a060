import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera demo [DIR]`: writes the ACME sample mesh (`DemoMesh`), generates day 1 of its data,
/// runs it, adds day 2, runs again, and ends with a tour (`DemoTour`). The runs are `tessera
/// run`'s own code path — `MeshRunner` driven in-process, printed by `RunPrinter`, logged and
/// recorded in the catalog — so everything the tour suggests finds a real history.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Write a realistic sample mesh (several domains, generated data), run it end to end, and say what to look at next.",
        usage: "tessera demo [<dir>] [<options>]"
    )
    @Argument(help: ArgumentHelp("Where to write the demo mesh (default: tessera-demo).", valueName: "dir"))
    var directory: String = "tessera-demo"
    @Flag(
        name: .long,
        help:
            "Write into a folder that is not empty: the demo's own files there (tessera.yaml, .gitignore, domains/, .tessera/) are replaced, nothing else is touched."
    )
    var force = false
    /// Tests run the demo small; the default is the size that feels real.
    @Option(name: .long, help: .hidden) var orders: Int = 1_000_000
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if orders < 10 { throw ValidationError("--orders must be at least 10.") }
    }

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let started = Date()
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)
        let root = URL(fileURLWithPath: directory, relativeTo: cwd).standardizedFileURL

        try prepare(root)
        let mesh = DemoMesh()
        do {
            for file in mesh.files {
                let url = root.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            for folder in ["domains/sales/data", "domains/marketing/data", "domains/support/data"] {
                try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            throw CLIError(
                .usage, "could not write the demo into \(root.path): \(error.localizedDescription)",
                hint: "check that the folder is writable.")
        }
        if format == .text {
            console.info(
                "Wrote the '\(DemoMesh.meshName)' mesh into \(root.path): 4 domains, \(mesh.files.count) files")
        }

        let data = DemoData(orders: orders, root: root)
        let context = try Self.context(root: root)
        var runs: [RunReport] = []

        try generate(
            format, console,
            "Day 1 (yesterday): \(DemoTour.grouped(Int64(data.day1Orders))) orders, \(DemoTour.grouped(Int64(data.customers))) customers, \(DemoTour.grouped(Int64(data.ticketsPerDay))) tickets, 24 campaigns"
        ) {
            try data.writeDay1()
        }
        runs.append(try await run(context, format: format, console: console))

        if runs[0].succeeded {
            try generate(
                format, console,
                "Day 2 (today): \(DemoTour.grouped(Int64(data.day2Orders))) new orders (a new channel, larger baskets), 1% of yesterday's returned, 5% of customers moved segment, \(DemoTour.grouped(Int64(data.ticketsPerDay))) tickets"
            ) {
                try data.writeDay2()
            }
            runs.append(try await run(context, format: format, console: console))
        }

        let tour = DemoTour(
            root: root, displayDirectory: directory, context: context, runs: runs,
            seconds: Date().timeIntervalSince(started))
        switch format {
        case .json: console.result(try JSONOutput.encode(tour.json))
        default: for line in tour.lines(console) { console.result(line) }
        }
        if runs.contains(where: { !$0.succeeded }) { throw ExitAfterReport(status: .dataFailed) }
    }

    /// Refuses a folder with files in it unless `--force`, which removes only the demo's own paths.
    private func prepare(_ root: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw CLIError(
                .usage, "\(root.path) exists and is not a folder.", hint: "choose another path: tessera demo DIR.")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        guard !entries.isEmpty else { return }
        guard force else {
            throw CLIError(
                .usage,
                "\(root.path) is not empty (\(entries.sorted().prefix(5).joined(separator: ", "))\(entries.count > 5 ? ", …" : "")); the demo writes into a new or empty folder.",
                hint:
                    "choose another folder (tessera demo DIR), or pass --force to replace the demo's own files there (tessera.yaml, .gitignore, domains/, .tessera/)."
            )
        }
        do {
            for path in DemoMesh.ownedPaths where fm.fileExists(atPath: root.appendingPathComponent(path).path) {
                try fm.removeItem(at: root.appendingPathComponent(path))
            }
        } catch {
            throw CLIError(
                .usage, "--force: could not remove the previous demo in \(root.path): \(error.localizedDescription)",
                hint: "check the folder's permissions, or choose another folder.")
        }
    }

    /// The demo's project, checked as every command checks it, with its mask key made (the demo
    /// masks a column with `hash`). It must be valid: an error here is a bug in `DemoMesh`, not
    /// something the user did.
    static func context(root: URL) throws -> Workspace {
        let workspace: Workspace
        do { workspace = try Workspace(root: root) } catch {
            let renderer = DiagnosticRenderer(console: Console(useColor: false, verbosity: .normal))
            for diagnostic in error.diagnostics {
                Console.write(renderer.render(diagnostic) + "\n", to: .standardError)
            }
            throw CLIError(
                .internalError, "the demo mesh does not validate: \(error.message) (a bug in tessera demo).",
                hint: "run `tessera validate --project \(root.path)` to see every problem, and report it.")
        }
        try MaskKeys.create(workspace.layout)
        return workspace
    }

    private func generate(_ format: OutputFormat, _ console: Console, _ title: String, _ work: () throws -> Void) throws
    {
        let start = Date()
        do { try work() } catch {
            throw CLIError(
                .internalError, "could not generate the demo data: \(error)",
                hint: "check the free disk space; the full demo writes about 150 MB.")
        }
        guard format == .text else { return }
        console.info("")
        console.info(
            console.styled(title, .bold) + String(format: " — generated in %.2f s", Date().timeIntervalSince(start)))
    }

    /// One run, exactly as `tessera run` does it: the core's run, printed by `RunPrinter`.
    private func run(_ context: Workspace, format: OutputFormat, console: Console) async throws -> RunReport {
        let options = RunOptions(
            threads: ProcessInfo.processInfo.activeProcessorCount,
            arguments: Array(CommandLine.arguments.dropFirst()))
        let printer = RunPrinter(
            console: console, enabled: format == .text,
            width: context.mesh.graph.allNodes.map(\.displayName.count).max() ?? 10)
        let result = try await context.runs.run(options) { event in printer.handle(event) }
        printer.close()
        if format == .text { console.result(printer.summary(result.report)) }
        return result.report
    }
}
