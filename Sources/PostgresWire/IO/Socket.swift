#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking stream socket (TCP or Unix domain). Every call blocks the calling thread.
final class Socket {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            _ = systemClose(descriptor)
            descriptor = -1
        }
    }

    // MARK: Connecting

    /// Resolves `host` and tries its addresses in turn until one accepts within the deadline.
    /// Name resolution itself (getaddrinfo) cannot be interrupted and is not bounded by the deadline.
    static func connectTCP(host: String, port: Int, deadline: ContinuousClock.Instant) throws(PostgresError) -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketStream
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? errnoText() : String(cString: gai_strerror(status))
            throw PostgresError(.unknownHost, "could not resolve host '\(host)': \(reason)")
        }
        defer { freeaddrinfo(list) }

        var errors: [Int32] = []
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            current = info.pointee.ai_next
            guard let address = info.pointee.ai_addr else { continue }
            let result = connect(
                family: info.pointee.ai_family, address: address, length: info.pointee.ai_addrlen, deadline: deadline
            )
            switch result {
            case .success(let socket):
                var on: Int32 = 1
                _ = setsockopt(
                    socket.descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                _ = setsockopt(socket.descriptor, SOL_SOCKET, SO_KEEPALIVE, &on, socklen_t(MemoryLayout<Int32>.size))
                return socket
            case .failure(let code):
                errors.append(code)
            }
        }
        throw connectFailure(errors, target: "\(host):\(port)")
    }

    /// Connects to `<directory>/.s.PGSQL.<port>`.
    static func connectUnix(directory: String, port: Int, deadline: ContinuousClock.Instant) throws(PostgresError)
        -> Socket
    {
        let path = directory + "/.s.PGSQL.\(port)"
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let bytes = Array(path.utf8)
        guard bytes.count < capacity else {
            throw PostgresError(.invalidURL, "the socket path \(path) is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(
                    family: AF_UNIX, address: $0, length: socklen_t(MemoryLayout<sockaddr_un>.size), deadline: deadline)
            }
        }
        switch result {
        case .success(let socket): return socket
        case .failure(let code): throw connectFailure([code], target: path)
        }
    }

    private enum ConnectResult {
        case success(Socket)
        case failure(Int32)
    }

    /// Non-blocking connect, poll until the deadline, then back to blocking mode.
    private static func connect(
        family: Int32, address: UnsafePointer<sockaddr>, length: socklen_t, deadline: ContinuousClock.Instant
    ) -> ConnectResult {
        let descriptor = socket(family, socketStream, 0)
        guard descriptor >= 0 else { return .failure(errno) }
        let connection = Socket(descriptor: descriptor)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if systemConnect(descriptor, address, length) != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EINTR || code == EAGAIN else { return .failure(code) }
            switch waitFor(descriptor, events: Int16(POLLOUT), deadline: deadline) {
            case .ready: break
            case .timedOut: return .failure(ETIMEDOUT)
            case .failed(let code): return .failure(code)
            }
            var socketError: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &size) == 0 else { return .failure(errno) }
            if socketError != 0 { return .failure(socketError) }
        }
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        #if canImport(Darwin)
            var on: Int32 = 1
            _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return .success(connection)
    }

    private static func connectFailure(_ codes: [Int32], target: String) -> PostgresError {
        if codes.contains(ETIMEDOUT) {
            return PostgresError(.timeout, "timed out connecting to \(target)")
        }
        if let code = codes.first(where: { $0 != ECONNREFUSED && $0 != ENOENT }) {
            return PostgresError(.io, "could not connect to \(target): \(errnoText(code))")
        }
        return PostgresError(
            .connectionRefused, "connection refused: is the server running and accepting connections at \(target)?")
    }

    // MARK: Reading and writing

    /// Reads what is available, up to the buffer's size; 0 means the server closed the connection.
    /// With a deadline, waits at most until then.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: ContinuousClock.Instant?) throws(PostgresError)
        -> Int
    {
        guard descriptor >= 0 else { throw PostgresError(.misuse, "the connection is closed") }
        while true {
            if let deadline {
                switch Self.waitFor(descriptor, events: Int16(POLLIN), deadline: deadline) {
                case .ready: break
                case .timedOut: throw PostgresError(.timeout, "timed out waiting for the server")
                case .failed(let code):
                    throw PostgresError(.io, "could not read from the server: \(Self.errnoText(code))")
                }
            }
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            if code == ECONNRESET { return 0 }
            throw PostgresError(.io, "could not read from the server: \(Self.errnoText(code))")
        }
    }

    func write(_ bytes: [UInt8]) throws(PostgresError) {
        guard descriptor >= 0 else { throw PostgresError(.misuse, "the connection is closed") }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = send(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Self.sendFlags)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        guard failure == 0 else {
            if failure == EPIPE || failure == ECONNRESET {
                throw PostgresError(.connectionClosed, "the server closed the connection")
            }
            throw PostgresError(.io, "could not write to the server: \(Self.errnoText(failure))")
        }
    }

    // MARK: Helpers

    private enum WaitResult {
        case ready
        case timedOut
        case failed(Int32)
    }

    private static func waitFor(_ descriptor: Int32, events: Int16, deadline: ContinuousClock.Instant) -> WaitResult {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero { return .timedOut }
            let (seconds, attoseconds) = remaining.components
            // poll takes milliseconds in an Int32; wake at least once a day for long deadlines.
            let milliseconds =
                seconds >= 86_400 ? Int32(86_400_000) : Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, milliseconds)
            if result > 0 { return .ready }
            if result == 0 { continue }  // re-check the clock: poll may wake a little early
            if errno != EINTR { return .failed(errno) }
        }
    }

    static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    #if canImport(Darwin)
        private static let socketStream = SOCK_STREAM
        private static let sendFlags: Int32 = 0
    #else
        private static let socketStream = Int32(SOCK_STREAM.rawValue)
        private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
        Darwin.close(descriptor)
    #elseif canImport(Musl)
        Musl.close(descriptor)
    #else
        Glibc.close(descriptor)
    #endif
}

private func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Darwin)
        Darwin.connect(descriptor, address, length)
    #elseif canImport(Musl)
        Musl.connect(descriptor, address, length)
    #else
        Glibc.connect(descriptor, address, length)
    #endif
}
