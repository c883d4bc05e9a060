import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last sequence number and hash of the chain, kept in a small file beside the catalog
/// (`catalog.sqlite.audit-head`). The chain alone cannot show that its newest entries were cut
/// off (what remains is still a valid chain); the head can. It is written after each commit,
/// only ever forward (under an exclusive `flock`, so two processes committing one after the
/// other never move it back), which means after a crash it may lag the log by the entries of
/// the last transaction, never lead it.
public struct AuditHead: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    public static func file(besides catalog: URL) -> URL {
        catalog.deletingLastPathComponent().appendingPathComponent(catalog.lastPathComponent + ".audit-head")
    }

    /// Nil when the file does not exist; a file that is not a head reads as one at sequence 0
    /// with an impossible hash, so verification reports it instead of ignoring it.
    public static func read(from file: URL) -> AuditHead? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return (try? JSONDecoder().decode(AuditHead.self, from: data)) ?? AuditHead(sequence: -1, hash: "unreadable")
    }

    /// Moves the head forward to `self`, or leaves it if it is already at or past it. Failing to
    /// write it is not worth failing the change it follows: verification then reports a lagging
    /// head, which the next append repairs.
    func advance(_ file: URL) {
        let descriptor = open(file.path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { return }
        defer { flock(descriptor, LOCK_UN) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        if count > 0, let stored = try? JSONDecoder().decode(AuditHead.self, from: Data(buffer.prefix(count))),
           stored.sequence >= sequence {
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        let bytes = [UInt8](data) + [0x0A]
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}
