/// What it takes to cancel the statement a connection is running — from any thread, while the
/// connection's own thread is blocked in `simpleQuery` or `copyOut`.
///
/// PostgreSQL cancels through a separate connection that carries the backend's process ID and
/// secret key; the server answers nothing. The interrupted call then fails with SQLSTATE 57014
/// (`query_canceled`) and the connection stays usable. Cancelling when nothing runs does nothing.
public struct PostgresCancelToken: Sendable, Hashable {
    let url: PostgresURL
    public let processID: Int32
    let secretKey: Int32

    /// Sends the cancel request; throws ``PostgresError`` when the server cannot be reached.
    public func cancel(timeout: Duration = .seconds(5)) throws {
        let deadline = ContinuousClock.now.advanced(by: min(timeout, .seconds(86_400)))
        do throws(PostgresError) {
            let socket: Socket
            switch url.host {
            case .tcp(let host):
                socket = try Socket.connectTCP(host: host, port: url.port, deadline: deadline)
            case .unixSocket(let directory):
                socket = try Socket.connectUnix(
                    directory: directory ?? PostgresConnection.defaultSocketDirectory(port: url.port), port: url.port,
                    deadline: deadline
                )
            }
            defer { socket.close() }
            try socket.write(FrontendMessage.cancelRequest(processID: processID, secretKey: secretKey).encoded())
            // Wait for the server to close its side, so the request has been read when we return.
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
            defer { scratch.deallocate() }
            _ = try socket.read(into: scratch, deadline: deadline)
        } catch {
            throw error.at(url.endpoint)
        }
    }
}
