import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends each event as one line to a file (JSON Lines). Each line is one `write(2)` on a file
/// opened with `O_APPEND`, so lines of two runs writing at once never interleave.
public struct FileTransport: OpenLineageTransport {
    public let file: URL

    public init(file: URL) { self.file = file }

    public var destination: String { file.path }

    public func send(_ event: Data) async throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw TransportError("cannot open \(file.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let line = [UInt8](event) + [0x0A]
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw TransportError("cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// Why an event was not delivered, said without secrets.
public struct TransportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
