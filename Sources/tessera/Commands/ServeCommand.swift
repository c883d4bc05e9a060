import ArgumentParser
import Dispatch
import Foundation
import PostgresEndpoint
import TesseraCore
import TesseraModel
import TesseraServer
import TesseraService

/// `tessera serve`: the long-running service of one environment — the automation's ticks, the
/// run queue and the HTTP API (`APIServer`), started and stopped together in `startParts`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "The long-running service: runs what the project's automation says is due, the run queue, and the HTTP API.",
        usage: "tessera serve [<options>]",
        discussion: """
            One per environment (a second one says which process holds it). SIGTERM or Ctrl-C drains: \
            nothing new starts, running runs get --drain-seconds to finish and are then cancelled, \
            queued runs stay queued for the next start. Logs go to stdout, one line per event. The HTTP \
            API (docs/api.md) and the web UI at /ui/ (docs/web.md) listen on --host and --port, over \
            https with --tls-cert and --tls-key. With --pg-port, a PostgreSQL endpoint \
            (docs/postgres-endpoint.md) listens on --host too, TLS with the same files.
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
    @Option(
        name: .customLong("host"),
        help: ArgumentHelp("The address the HTTP API listens on (default 127.0.0.1).", valueName: "address"))
    var host = "127.0.0.1"
    @Option(
        name: .customLong("port"),
        help: ArgumentHelp("The HTTP API's port (default 8080; 0 picks a free one, logged).", valueName: "port"))
    var port = 8080
    @Option(
        name: .customLong("pg-port"),
        help: ArgumentHelp(
            "Also serve products over PostgreSQL's protocol on this port (off unless given; 5433 is a good choice; 0 picks a free one).",
            valueName: "port"))
    var pgPort: Int?
    @Option(
        name: .customLong("pg-max-sessions"),
        help: ArgumentHelp(
            "PostgreSQL sessions open at once; one more is refused with 53300 too_many_connections (default 100).",
            valueName: "count"))
    var pgMaxSessions = PostgresEndpointServer.Configuration.defaultMaxSessions
    @Option(
        name: .customLong("pg-session-threads"),
        help: ArgumentHelp(
            "DuckDB threads of one PostgreSQL session's queries (default 1, as a PostgreSQL backend; more speeds up one big query, fewer sessions at once).",
            valueName: "count"))
    var pgSessionThreads = PostgresEndpointServer.Configuration.defaultSessionThreads
    @Option(
        name: .customLong("pg-idle-timeout"),
        help: ArgumentHelp(
            "How long a PostgreSQL session may sit idle before it is closed with 57P05 (default 1h; 0 for never).",
            valueName: "span"))
    var pgIdleTimeout: String?
    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp("A PEM certificate (chain): the API answers https only. Needs --tls-key.", valueName: "file")
    )
    var tlsCertificate: String?
    @Option(
        name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?
    @Option(
        name: .customLong("session-idle"),
        help: ArgumentHelp("How long a web UI session lasts without a request (default 30m).", valueName: "span"))
    var sessionIdle: String?
    @Option(
        name: .customLong("session-lifetime"),
        help: ArgumentHelp("How long a web UI session lasts at most after sign-in (default 12h).", valueName: "span"))
    var sessionLifetime: String?
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    /// For tests only: read the time from this file, and tick each time it changes.
    static let clockVariable = "TESSERA_CLOCK_FILE"

    func validate() throws {
        if drainSeconds < 0 { throw ValidationError("--drain-seconds cannot be negative.") }
        if !(0...65535).contains(port) { throw ValidationError("--port \(port): give a port from 0 to 65535.") }
        if let pgPort, !(0...65535).contains(pgPort) {
            throw ValidationError("--pg-port \(pgPort): give a port from 0 to 65535.")
        }
        if pgMaxSessions < 1 { throw ValidationError("--pg-max-sessions \(pgMaxSessions): allow 1 session at least.") }
        if pgSessionThreads < 1 {
            throw ValidationError("--pg-session-threads \(pgSessionThreads): give 1 thread at least.")
        }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: give both for https, or neither.")
        }
    }

    func run() async throws {
        let configuration = try apiConfiguration
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
        let started = Date()
        let lock = try Self.lock(
            folder: folder, environment: workspace.environment, instance: service.instance, started: started)
        defer { lock.release() }
        let signals = Self.stopping(service)
        defer { for source in signals { source.cancel() } }
        // One throttle: a client failing sign-ins on one port is refused on the other too.
        let throttle = SignInThrottle()
        let api = APIServer(workspace: workspace, configuration: configuration, throttle: throttle)
        let postgres = try pgPort.map { port in
            PostgresEndpointServer(
                workspace: workspace, configuration: try pgConfiguration(port: port), throttle: throttle
            ) { event, fields in log.write(event, fields) }
        }
        let host = self.host, instance = service.instance
        do {
            try await Self.startParts(service: service, api: api, postgres: postgres) { port, pgPort in
                // serve.json first: whoever sees the log line finds the address there too.
                let info = ServeLock.Info(
                    pid: ProcessInfo.processInfo.processIdentifier, started: started, instance: instance, host: host,
                    port: port, pgPort: pgPort)
                do { try lock.record(info) } catch { log.write("problem", [("message", "\(error)")]) }
                if let pgPort { log.write("listening", [("url", "postgresql://\(host):\(pgPort)")]) }
                log.write("listening", [("url", "\(api.configuration.scheme)://\(host):\(port)")])
            }
        } catch let error as APIServerError {
            throw CLIError(.usage, "serve: \(error.message)", hint: error.hint)
        } catch let error as PostgresEndpointServer.StartError {
            throw CLIError(.usage, "serve: \(error.description)")
        }
    }

    func pgConfiguration(port: Int) throws -> PostgresEndpointServer.Configuration {
        let idle =
            ["0", "0s"].contains(pgIdleTimeout)
            ? 0
            : try Self.span(pgIdleTimeout, option: "--pg-idle-timeout")
                ?? PostgresEndpointServer.Configuration.defaultIdleTimeout
        return PostgresEndpointServer.Configuration(
            host: host, port: port, tlsCertificate: tlsCertificate.map { URL(fileURLWithPath: $0) },
            tlsKey: tlsKey.map { URL(fileURLWithPath: $0) }, maxSessions: pgMaxSessions, idleTimeout: idle,
            sessionThreads: pgSessionThreads)
    }

    var apiConfiguration: APIServer.Configuration {
        get throws {
            var sessions = WebSessionSettings()
            if let idle = try Self.span(sessionIdle, option: "--session-idle") { sessions.idle = idle }
            if let lifetime = try Self.span(sessionLifetime, option: "--session-lifetime") {
                sessions.absolute = lifetime
            }
            sessions.touchEvery = min(sessions.touchEvery, sessions.idle / 4)
            return APIServer.Configuration(
                host: host, port: port, tlsCertificate: tlsCertificate.map { URL(fileURLWithPath: $0) },
                tlsKey: tlsKey.map { URL(fileURLWithPath: $0) }, webSessions: sessions)
        }
    }

    /// A span option in seconds; nil when not given. Zero or unreadable is a usage error.
    static func span(_ text: String?, option: String) throws -> TimeInterval? {
        guard let text else { return nil }
        let span: TimeSpan
        do { span = try TimeSpan(parsing: text) } catch {
            throw CLIError(.usage, "\(option) \(text): \(error.reason).", hint: "e.g. \(option) 30m")
        }
        guard span.seconds > 0 else { throw CLIError(.usage, "\(option) \(text): a session must last a while.") }
        return span.timeInterval
    }

    /// Every part of the service, started together and stopped together: the automation, and the
    /// HTTP API beside it. The automation returns once it has drained (SIGTERM); the API then
    /// shuts down gracefully. An API that cannot start (its port taken, its TLS files unreadable)
    /// stops the automation and is the command's error.
    static func startParts(
        service: AutomationService, api: APIServer, postgres: PostgresEndpointServer?,
        listening: @escaping @Sendable (Int, Int?) async -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The PostgreSQL endpoint first, so that serve.json names both ports at once.
            var pgPort: Int?
            if let postgres {
                let (ports, bound) = AsyncStream.makeStream(of: Int.self)
                group.addTask {
                    defer { bound.finish() }
                    do { try await postgres.run { bound.yield($0) } } catch {
                        await service.stop()
                        throw error
                    }
                }
                var next = ports.makeAsyncIterator()
                pgPort = await next.next()
                if pgPort == nil { _ = try await group.next() }
            }
            let knownPGPort = pgPort
            group.addTask {
                do { try await api.run(onListening: { await listening($0, knownPGPort) }) } catch {
                    await service.stop()
                    throw error
                }
            }
            group.addTask { await service.run() }
            _ = try await group.next()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    static func lock(folder: URL, environment: String, instance: String, started: Date) throws -> ServeLock {
        let info = ServeLock.Info(
            pid: ProcessInfo.processInfo.processIdentifier, started: started, instance: instance)
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
