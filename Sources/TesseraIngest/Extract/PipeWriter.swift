import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a stream of bytes into a named pipe (FIFO) in large blocks, so that DuckDB can read
/// and parse the stream while it is still arriving: downloading and parsing then overlap instead
/// of following each other through a file on disk.
///
/// If the reader goes away, writes fail with EPIPE (SIGPIPE is ignored for the process — see
/// `ignoreBrokenPipes`).
final class PipeWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let blockSize = 1 << 20

    /// Creates the FIFO at `url` (nothing is opened yet).
    static func makeFIFO(at url: URL) throws {
        guard mkfifo(url.path, 0o600) == 0 else {
            throw Failure(description: "cannot create the pipe \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// A broken pipe must be an error to handle, not a signal that ends the process.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Opens the write end once a reader has opened the pipe, polling so that the wait can be
    /// abandoned (`shouldStop`) if the reader never comes.
    init(fifo url: URL, shouldStop: () -> Bool) throws {
        var fd: Int32 = -1
        while true {
            fd = open(url.path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { break }
            guard errno == ENXIO || errno == EINTR else {
                throw Failure(description: "cannot open the pipe \(url.path): \(String(cString: strerror(errno)))")
            }
            if shouldStop() { throw Failure(description: "the reader of the pipe never came") }
            usleep(2_000)
        }
        // Blocking writes from here on: the reader's pace sets ours.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        #if os(Linux)
        // A pipe of one block (Linux's default is 64 KiB): one wake-up of the reader per block
        // instead of sixteen. Best effort: a system limit below it leaves the default.
        let setPipeSize: Int32 = 1031 // F_SETPIPE_SZ
        _ = fcntl(fd, setPipeSize, Int32(blockSize))
        #endif
        descriptor = fd
        buffer.reserveCapacity(blockSize)
    }

    deinit { close(descriptor) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= blockSize { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress!.advanced(by: offset), raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "the reader of the pipe went away (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
