import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel
import TesseraService

/// `tessera backfill start|list|status|cancel|resume`: interval models rebuilt over a range, in
/// chunks run one after the other. While `tessera serve` runs the environment the backfill is
/// handed to it (each chunk a queued run) and followed; otherwise this command runs the chunks
/// itself. Ctrl-C cancels the backfill either way; `resume` goes on from the first unfinished chunk.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Rebuild interval-incremental models over a range, in chunks, resumably.",
        subcommands: [Start.self, List.self, Status.self, Cancel.self, Resume.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Backfill the selected interval models over [--start, --end) in chunks, oldest first.",
            usage: "tessera backfill start <selector> ... --start <time> --end <time> [--chunk <span>]",
            discussion: """
                Each chunk is one run with the chunk as its interval (as `tessera run --start --end`), and \
                what the selection holds downstream of the models is rebuilt with it. While `tessera serve` \
                runs, the backfill is handed to it and followed; otherwise the chunks run here.
                """)
        @OptionGroup var selection: SelectorOptions
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Start of the range (inclusive), e.g. 2026-11-01 or 2026-11-01T06:00:00Z.", valueName: "time"))
        var start: String
        @Option(name: .long, help: ArgumentHelp("End of the range (exclusive).", valueName: "time")) var end: String
        @Option(
            name: .long,
            help: ArgumentHelp("The size of each chunk, e.g. 1h, 1d or 7d (default: 1d).", valueName: "span"))
        var chunk: String?
        @Option(
            name: .customLong("idempotency-key"),
            help: ArgumentHelp(
                "Asked again with the same key, the first backfill is followed instead.", valueName: "key"))
        var idempotencyKey: String?
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let workspace = try global.workspace()
            let request = BackfillRequest(
                include: selection.selectors, exclude: selection.exclude,
                start: try BackfillChunking.time(start, field: "--start"),
                end: try BackfillChunking.time(end, field: "--end"),
                chunk: try chunk.map { text throws(CoreError) in try BackfillChunking.chunk(text, field: "--chunk") },
                reason: "tessera " + CommandLine.arguments.dropFirst().joined(separator: " "),
                idempotencyKey: idempotencyKey)
            let driver = BackfillDriver(workspace: workspace, console: global.console(), json: output.chosen == .json)
            try await driver.start(request)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest backfills, newest first.")
        @Option(name: .long, help: ArgumentHelp("How many to list (default 20).", valueName: "n")) var limit = 20
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console()
            let backfills = try await global.workspace().backfills.list(limit: max(1, limit))
            if output.chosen == .json {
                console.result(try JSONOutput.encode(backfills.map { BackfillDocument($0, withChunks: false) }))
                return
            }
            guard !backfills.isEmpty else {
                console.result("No backfills yet: `tessera backfill start <selector> --start … --end …` starts one.")
                return
            }
            for backfill in backfills { console.result(BackfillText.line(backfill)) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One backfill with each of its chunks.")
        @Argument(help: ArgumentHelp("The backfill's id (or a unique beginning of it).", valueName: "id")) var id:
            String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console()
            let backfill = try await global.workspace().backfills.show(id)
            if output.chosen == .json {
                console.result(try JSONOutput.encode(BackfillDocument(backfill)))
            } else {
                console.result(BackfillText.detail(backfill))
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a backfill: its running chunk is stopped, the rest never run.")
        @Argument(help: ArgumentHelp("The backfill's id (or a unique beginning of it).", valueName: "id")) var id:
            String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console()
            let backfill = try await global.workspace().backfills.cancel(id, as: .meshOperator)
            if output.chosen == .json {
                console.result(try JSONOutput.encode(BackfillDocument(backfill)))
            } else {
                console.result(BackfillText.detail(backfill))
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Go on with a failed or cancelled backfill from its first unfinished chunk.",
            discussion: """
                Handed to `tessera serve` when it runs, run here otherwise, as `start` does. A backfill \
                whose `tessera backfill` process was killed is taken over from the chunk it was running.
                """)
        @Argument(help: ArgumentHelp("The backfill's id (or a unique beginning of it).", valueName: "id")) var id:
            String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let workspace = try global.workspace()
            let driver = BackfillDriver(workspace: workspace, console: global.console(), json: output.chosen == .json)
            try await driver.resume(id)
        }
    }
}
