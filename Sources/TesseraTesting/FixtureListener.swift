import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The fixture server's sockets: a listening socket on 127.0.0.1 and a free port, one thread that
/// accepts and one thread per connection, all blocking calls on threads of their own so that no
/// test that blocks Swift concurrency's shared pool can stop the server from answering.
final class FixtureListener: @unchecked Sendable {
    typealias Respond = @Sendable (FixtureWireRequest) -> FixtureWireResponse

    let port: UInt16
    private let socket: Int32
    private let respond: Respond
    private let lock = NSLock()
    // Guarded by `lock`: open connections, shut down by `stop`.
    private var connections: Set<Int32> = []
    private var stopped = false

    init(respond: @escaping Respond) throws {
        self.respond = respond
        socket = try Self.listeningSocket()
        port = try Self.boundPort(of: socket)
        let thread = Thread { [self] in acceptConnections() }
        thread.name = "fixture-server-accept"
        thread.start()
    }

    /// Closes the listening socket and every open connection.
    func stop() {
        lock.lock()
        let open = connections
        let alreadyStopped = stopped
        stopped = true
        lock.unlock()
        guard !alreadyStopped else { return }
        // shutdown(2) wakes the threads blocked in accept(2) and recv(2); each closes its own.
        _ = shutdown(socket, Int32(SHUT_RDWR))
        for connection in open { _ = shutdown(connection, Int32(SHUT_RDWR)) }
    }

    private func acceptConnections() {
        while true {
            let connection = accept(socket, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                break
            }
            guard track(connection) else {
                close(connection)
                break
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "fixture-server-connection"
            thread.start()
        }
        close(socket)
    }

    private func track(_ connection: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return false }
        connections.insert(connection)
        return true
    }

    /// Answers requests on one connection until the client closes it or asks to.
    private func serve(_ connection: Int32) {
        let stream = FixtureSocketStream(connection)
        while let request = try? FixtureWireRequest.read(from: stream) {
            let response = respond(request)
            let keepAlive = request.keepsAlive
            guard (try? stream.write(response.encoded(keepAlive: keepAlive, head: request.method == "HEAD"))) != nil,
                keepAlive
            else { break }
        }
        lock.lock()
        connections.remove(connection)
        lock.unlock()
        close(connection)
    }

    private static func listeningSocket() throws -> Int32 {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureError(message: "socket(2) failed: errno \(errno)") }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw FixtureError(message: "the fixture server could not listen on 127.0.0.1: errno \(errno)")
        }
        return fd
    }

    private static func boundPort(of fd: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { throw FixtureError(message: "getsockname(2) failed: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// A connected socket read through a buffer, for parsing a request line by line.
final class FixtureSocketStream {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(_ fd: Int32) { self.fd = fd }

    /// The next line without its CRLF, or nil at the end of the stream.
    func readLine() throws -> String? {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard try fill() else { return nil }
        }
    }

    /// Exactly `count` bytes.
    func read(count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw FixtureError(message: "the client closed the connection mid-body") }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw FixtureError(message: "send(2) failed: errno \(errno)") }
            sent += count
        }
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
