#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Writes a file through a fixed buffer, so many small pieces (one COPY row each) cost one
/// `write` per megabyte and memory stays flat whatever the file's size.
final class BufferedFileWriter {
    let path: String
    private var descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private(set) var bytesWritten = 0

    init(url: URL, bufferSize: Int = 1 << 20) throws(PostgresError) {
        path = url.path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PostgresError(.io, "could not create \(path): \(Socket.errnoText())")
        }
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        if descriptor >= 0 { _ = closeFile(descriptor) }
        buffer.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(PostgresError) {
        if bytes.count > buffer.count - used {
            try flush()
            if bytes.count >= buffer.count {
                try writeAll(bytes)
                bytesWritten += bytes.count
                return
            }
        }
        if let source = bytes.baseAddress, let target = buffer.baseAddress, bytes.count > 0 {
            (target + used).copyMemory(from: source, byteCount: bytes.count)
        }
        used += bytes.count
        bytesWritten += bytes.count
    }

    /// Flushes and closes. Errors that `close` reports (late write failures on some file systems) count.
    func finish() throws(PostgresError) {
        try flush()
        let descriptor = self.descriptor
        self.descriptor = -1
        if closeFile(descriptor) != 0 {
            throw PostgresError(.io, "could not write \(path): \(Socket.errnoText())")
        }
    }

    /// Closes and deletes what was written (after a failed COPY: a partial file must not look complete).
    func discard() {
        if descriptor >= 0 { _ = closeFile(descriptor) }
        descriptor = -1
        _ = unlink(path)
    }

    private func flush() throws(PostgresError) {
        guard used > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
        used = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(PostgresError) {
        guard descriptor >= 0 else { throw PostgresError(.misuse, "\(path) is already closed") }
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                throw PostgresError(.io, "could not write \(path): \(Socket.errnoText())")
            }
        }
    }
}

private func closeFile(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
        Darwin.close(descriptor)
    #elseif canImport(Musl)
        Musl.close(descriptor)
    #else
        Glibc.close(descriptor)
    #endif
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        Darwin.write(descriptor, bytes, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, bytes, count)
    #else
        Glibc.write(descriptor, bytes, count)
    #endif
}
