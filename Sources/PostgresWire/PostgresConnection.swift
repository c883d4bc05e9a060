import Foundation

/// A connection to a PostgreSQL server, speaking the frontend/backend protocol v3 over a plain
/// socket.
///
/// **Every method blocks the calling thread** until the server has answered: run it on a thread of
/// your own (a `Thread`, a dispatch queue), never on the Swift concurrency pool, where a COPY of a
/// big table would hold one of its few threads for minutes. Use a connection from one thread at a
/// time. Memory stays flat whatever the size of a COPY: the socket is read 256 KiB at a time and
/// each chunk is handed on before the next is read.
///
/// The protocol logic lives in `ConnectionStateMachine`; this class only moves bytes.
public final class PostgresConnection {
    public let url: PostgresURL
    /// What the server reported with ParameterStatus: `server_version`, `client_encoding`, `TimeZone` …
    public private(set) var serverParameters: [String: String] = [:]
    /// The server process serving this connection (`pg_backend_pid()`).
    public var backendProcessID: Int32? { cancelToken?.processID }
    /// Cancels the statement this connection runs, from another thread (nil if the server sent no key).
    public private(set) var cancelToken: PostgresCancelToken?
    /// Called with each NoticeResponse (warnings, `RAISE NOTICE`); notices are ignored when nil.
    public var noticeHandler: ((PostgresServerError) -> Void)?

    /// Bytes asked of the socket per read.
    static let readChunkSize = 256 * 1024

    private var socket: Socket?
    private var machine: ConnectionStateMachine
    private var decoder = BackendMessageDecoder(capacity: 2 * PostgresConnection.readChunkSize)
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(
        byteCount: PostgresConnection.readChunkSize, alignment: 16)

    private init(url: PostgresURL) {
        self.url = url
        machine = ConnectionStateMachine(
            credentials: .init(
                user: url.user, password: url.password, database: url.database, applicationName: url.applicationName
            ))
    }

    deinit {
        close()
        readBuffer.deallocate()
    }

    /// Connects and authenticates. `timeout` bounds the TCP connection and the whole startup
    /// exchange (not the host name lookup). Throws ``PostgresError``.
    public static func connect(_ url: PostgresURL, timeout: Duration = .seconds(10)) throws -> PostgresConnection {
        // Clamped so that an absurd timeout cannot overflow the clock arithmetic.
        let deadline = ContinuousClock.now.advanced(by: min(timeout, .seconds(365 * 86_400)))
        let connection = PostgresConnection(url: url)
        do {
            switch url.host {
            case .tcp(let host):
                connection.socket = try Socket.connectTCP(host: host, port: url.port, deadline: deadline)
            case .unixSocket(let directory):
                let directory = directory ?? defaultSocketDirectory(port: url.port)
                connection.socket = try Socket.connectUnix(directory: directory, port: url.port, deadline: deadline)
            }
        } catch {
            throw error.at(url.endpoint)
        }
        _ = try connection.run(connection.machine.start(), deadline: deadline) { _ in }
        return connection
    }

    /// Debian's socket directory when the server's socket is there, else `/tmp` (PostgreSQL's default).
    static func defaultSocketDirectory(port: Int) -> String {
        let debian = "/var/run/postgresql"
        return FileManager.default.fileExists(atPath: "\(debian)/.s.PGSQL.\(port)") ? debian : "/tmp"
    }

    /// True until `close()` or an error that ended the connection.
    public var isOpen: Bool { socket != nil && !machine.isClosed }

    /// Runs one statement (or several separated by `;`) and returns the rows of the last one that
    /// returned rows, in text format. For metadata and other small results: everything is held in
    /// memory. A server error is thrown as ``PostgresError`` and leaves the connection usable.
    public func simpleQuery(_ sql: String) throws -> PostgresTextResult {
        var result = PostgresTextResult()
        let outcome = try run(machine.startQuery(sql), deadline: nil) { action in
            switch action {
            case .rowDescription(let columns):
                result.columns = columns
                result.rows = []
            case .dataRow(let values):
                result.rows.append(values)
            default:
                break
            }
        }
        if case .complete(let tag) = outcome { result.commandTag = tag }
        return result
    }

    /// Runs a `COPY … TO STDOUT` statement and passes each CopyData message (one row, for the text
    /// and CSV formats) to `sink` as it arrives; the buffer is valid only during the call. Returns
    /// the row count the server reports.
    ///
    /// An error from the server — before or in the middle of the data — is thrown as
    /// ``PostgresError`` and leaves the connection usable; so does a statement that is not a COPY
    /// TO STDOUT. A connection the server closes midway is an error too, never a short result.
    /// When `sink` throws, the connection is closed (the server cannot be stopped mid-COPY
    /// otherwise) and the sink's error is rethrown.
    @discardableResult
    public func copyOut(_ sql: String, to sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let outcome = try run(machine.startCopyOut(sql), deadline: nil) { action in
            if case .copyData(let data) = action { try data.withUnsafeBytes(sink) }
        }
        guard case .complete(let tag) = outcome else { return machine.copyDataCount }
        return Self.rowCount(fromTag: tag) ?? machine.copyDataCount
    }

    /// Runs a `COPY … TO STDOUT` statement into a file (created or truncated), through a 1 MiB
    /// buffer. On any error the partial file is deleted.
    public func copyOut(_ sql: String, toFile url: URL) throws -> CopyOutSummary {
        let writer = try BufferedFileWriter(url: url)
        do {
            let rows = try copyOut(sql) { try writer.write($0) }
            try writer.finish()
            return CopyOutSummary(rows: rows, bytes: writer.bytesWritten)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Says goodbye to the server and closes the socket. Safe to call more than once.
    public func close() {
        guard let socket else { return }
        if let goodbye = machine.terminate() { try? socket.write(goodbye) }
        socket.close()
        self.socket = nil
    }

    // MARK: The I/O loop

    private enum Outcome {
        case connected
        case complete(String?)
    }

    /// Performs the state machine's actions — sending, reading, handing data to `deliver` — until
    /// the exchange ends.
    private func run(
        _ first: ConnectionStateMachine.Action, deadline: ContinuousClock.Instant?,
        deliver: (ConnectionStateMachine.Action) throws -> Void
    ) throws -> Outcome {
        if let outcome = try perform(first, deliver) { return outcome }
        while true {
            // `action` lives for one iteration only: a CopyData slice shares the decoder's buffer,
            // and must be gone before the next read appends to it, or the append would copy the
            // whole buffer (copy-on-write) for every chunk read.
            let action: ConnectionStateMachine.Action
            do {
                action = try nextAction(deadline: deadline)
            } catch {
                abandon()
                throw error.at(url.endpoint)
            }
            if let outcome = try perform(action, deliver) { return outcome }
        }
    }

    /// Does what one action says; returns how the exchange ended, or nil when it goes on.
    private func perform(
        _ action: ConnectionStateMachine.Action, _ deliver: (ConnectionStateMachine.Action) throws -> Void
    ) throws -> Outcome? {
        switch action {
        case .read:
            break
        case .copyData, .rowDescription, .dataRow:
            do {
                try deliver(action)
            } catch {
                abandon()
                throw error
            }
        case .send(let bytes):
            do throws(PostgresError) {
                guard let socket else { throw PostgresError.misuse("the connection is closed") }
                try socket.write(bytes)
            } catch {
                abandon()
                throw error.at(url.endpoint)
            }
        case .notice(let notice):
            noticeHandler?(notice)
        case .parameterStatus(let name, let value):
            serverParameters[name] = value
        case .backendKeyData(let processID, let secretKey):
            cancelToken = PostgresCancelToken(url: url, processID: processID, secretKey: secretKey)
        case .connected:
            return .connected
        case .queryComplete(let tag):
            return .complete(tag)
        case .queryFailed(let error):
            throw error.at(url.endpoint)
        case .fail(let error):
            abandon()
            throw error.at(url.endpoint)
        }
        return nil
    }

    /// Decodes the next message, reading from the socket as needed, and lets the state machine
    /// decide what it means.
    private func nextAction(deadline: ContinuousClock.Instant?) throws(PostgresError) -> ConnectionStateMachine.Action {
        while true {
            if let message = try decoder.next() { return machine.receive(message) }
            guard let socket else { throw PostgresError.misuse("the connection is closed") }
            let count = try socket.read(into: readBuffer, deadline: deadline)
            if count == 0 { return machine.connectionClosed() }
            decoder.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        }
    }

    /// Closes the socket without a goodbye: after an error the server may be mid-stream.
    private func abandon() {
        _ = machine.terminate()
        socket?.close()
        socket = nil
    }

    /// `COPY 1234` → 1234.
    static func rowCount(fromTag tag: String?) -> Int? {
        guard let tag, tag.hasPrefix("COPY "), let count = tag.split(separator: " ").last else { return nil }
        return Int(count)
    }
}
