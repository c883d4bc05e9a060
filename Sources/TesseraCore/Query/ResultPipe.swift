import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A named pipe that DuckDB's own `COPY … TO` writes a result into, and a thread that forwards
/// what arrives to a sink (standard output, a socket, an HTTP response). DuckDB's writer formats
/// and writes in parallel at the engine's speed; the pipe keeps the sink's semantics ours: `>>
/// file` appends and sockets work, where `COPY … TO '/dev/stdout'` truncated files and could not
/// open sockets. The pipe lives in the sandbox's scratch folder (the one place a sandboxed
/// database may write), readable and writable by this user only, and is removed by `finish`.
final class ResultPipe: @unchecked Sendable {
    let path: String
    private let readEnd: Int32
    private let ownWriteEnd: Int32
    private let done = DispatchSemaphore(value: 0)
    /// Set by the forwarding thread before it signals `done`; read only after `done`.
    private var failure: (any Error)?

    /// Makes the pipe in `folder` and starts forwarding everything written to it to `sink`.
    init(in folder: URL, forwardingTo sink: @escaping @Sendable (Data) throws -> Void) throws {
        path = folder.appendingPathComponent("tessera-result-\(UUID().uuidString).fifo").path
        guard mkfifo(path, 0o600) == 0 else { throw Self.error("cannot make the pipe \(path)") }
        // The read end opens at once without blocking; then a write end of our own keeps reads
        // blocking (not at end-of-file) until DuckDB has opened, written and closed the pipe, or
        // failed before opening it.
        readEnd = open(path, O_RDONLY | O_NONBLOCK)
        ownWriteEnd = readEnd < 0 ? -1 : open(path, O_WRONLY)
        guard readEnd >= 0, ownWriteEnd >= 0, fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) & ~O_NONBLOCK) == 0
        else {
            if readEnd >= 0 { close(readEnd) }
            unlink(path)
            throw Self.error("cannot open the pipe \(path)")
        }
        forward(to: sink)
    }

    /// Forwards what is written to the pipe to `sink`, in pieces of up to 64 KiB. When the sink
    /// fails, the rest is read and dropped (so the writer never blocks) and `finish` throws the
    /// sink's error.
    private func forward(to sink: @escaping @Sendable (Data) throws -> Void) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                guard failure == nil else { continue }
                do { try sink(Data(buffer[0..<count])) } catch { failure = error }
            }
            close(readEnd)
            done.signal()
        }
    }

    /// Waits until everything DuckDB wrote has reached the sink, removes the pipe, and throws the
    /// sink's error if it had one. Call it once, after the `COPY` ended (well or not).
    func finish() throws {
        close(ownWriteEnd)
        done.wait()
        unlink(path)
        if let failure { throw failure }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static func error(_ message: String) -> Failure {
        Failure(description: "\(message): \(String(cString: strerror(errno)))")
    }
}
