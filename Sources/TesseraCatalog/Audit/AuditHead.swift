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

    /// The file's one line: the sequence zero-padded to 20 digits, a space, the hash. Every head
    /// has the same length, so moving it forward is one `pwrite` over the old one, no truncation.
    var line: String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + " " + hash + "\n"
    }

    init?(line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence >= 0 else { return nil }
        self.init(sequence: sequence, hash: String(parts[1]))
    }

    /// Nil when the file does not exist; a file that is not a head reads as one at sequence -1
    /// with an impossible hash, so verification reports it instead of ignoring it.
    public static func read(from file: URL) -> AuditHead? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return AuditHead(line: text.split(separator: "\n").first ?? "") ?? AuditHead(sequence: -1, hash: "unreadable")
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
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        if count > 0,
            let stored = AuditHead(
                line: String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: "\n").first ?? ""),
            stored.sequence >= sequence
        {
            return
        }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}
