import ArgumentParser
import Dispatch
import Foundation
import TesseraCore
import TesseraModel
import TesseraService

/// `tessera serve`: the long-running service of one environment — the automation's ticks and
/// the run queue today; the HTTP API joins them in `startParts`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The long-running service: runs what the project's automation says is due, and the run queue.",
        usage: "tessera serve [<options>]",
        discussion: """
            One per environment (a second one says which process holds it). SIGTERM or Ctrl-C drains: \
            nothing new starts, running runs get --drain-seconds to finish and are then cancelled, \
            queued runs stay queued for the next start. Logs go to stdout, one line per event.
            """
    )
    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp("Log lines as text (default) or json (also: --format json).", valueName: "format"))
    var logFormat: ServiceLog.Format?
    @Option(
        name: .customLong("drain-seconds"),
        help: ArgumentHelp(
            "How long running runs may go on after SIGTERM before they are cancelled (default 30).",
            valueName: "seconds"))
    var drainSeconds: Double = 30
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    /// For tests only: read the time from this file, and tick each time it changes.
    static let clockVariable = "TESSERA_CLOCK_FILE"

    func validate() throws {
        if drainSeconds < 0 { throw ValidationError("--drain-seconds cannot be negative.") }
    }

    func run() async throws {
        let workspace = try global.workspace()
        let folder = workspace.layout.environmentDirectory
        let log = ServiceLog(
            format: logFormat ?? (output.chosen == .json ? .json : .text), verbose: global.verbose)
        let clock: any ServiceClock =
            if let path = ProcessInfo.processInfo.environment[Self.clockVariable], !path.isEmpty {
                FileClock(file: URL(fileURLWithPath: path))
            } else {
                SystemClock()
            }
        let service = AutomationService(workspace: workspace, clock: clock, drainGrace: drainSeconds) { event in
            log.write(event)
        }
        let lock = try Self.lock(folder: folder, environment: workspace.environment)
        defer { lock.release() }
        let signals = Self.stopping(service)
        defer { for source in signals { source.cancel() } }
        await Self.startParts(service: service)
    }

    /// Every part of the service, started together and stopped together. The HTTP API
    /// (`APIServer`) is added here beside the automation.
    static func startParts(service: AutomationService) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await service.run() }
            await group.waitForAll()
        }
    }

    static func lock(folder: URL, environment: String) throws -> ServeLock {
        let info = ServeLock.Info(
            pid: ProcessInfo.processInfo.processIdentifier, started: Date(), instance: "serve")
        do { return try ServeLock(folder: folder, info: info) } catch {
            switch error {
            case .held(let holder):
                let who = holder.map { "pid \($0.pid), since \(TimeText.format($0.started))" } ?? "another process"
                throw CLIError(
                    .usage, "a `tessera serve` is already running for environment '\(environment)' (\(who)).",
                    hint: "stop it first (SIGTERM), or give it work: `tessera run` hands its selection to it.")
            case .unavailable(let reason):
                throw CLIError(.internalError, "cannot take the service's lock: \(reason).")
            }
        }
    }

    /// SIGTERM and SIGINT drain the service; a second one ends the process at once.
    static func stopping(_ service: AutomationService) -> [any DispatchSourceSignal] {
        let count = SignalCount()
        return [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.next() > 1 { Foundation.exit(130) }
                Task { await service.stop() }
            }
            source.resume()
            return source
        }
    }
}

/// How many stop signals came.
private final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
