import ArgumentParser
import TesseraCore

/// The `tessera` command: the root of every subcommand (docs/reference/cli.md).
struct Tessera: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tessera",
        abstract: "A self-serve data mesh in one program: ingest, transform, check and publish data products.",
        discussion: """
            Run a command inside a mesh project (a folder with tessera.yaml), or pass --project DIR.
            Exit codes: 0 success · 1 the data failed · 2 the project or the command is wrong · 3 internal error.
            Docs: docs/ in the Tessera repository.
            """,
        version: "tessera \(version) (DuckDB \(duckDBLibraryVersion()))",
        subcommands: [
            InitCommand.self,
            DemoCommand.self,
            ValidateCommand.self,
            PlanCommand.self,
            RunCommand.self,
            BackfillCommand.self,
            IngestCommand.self,
            CheckCommand.self,
            QueryCommand.self,
            CatalogCommand.self,
            LineageCommand.self,
            RunsCommand.self,
            AuditCommand.self,
            UserCommand.self,
            TokenCommand.self,
            AlertsCommand.self,
            ServeCommand.self,
            AutomationCommand.self,
            DashboardCommand.self,
        ]
    )
}
