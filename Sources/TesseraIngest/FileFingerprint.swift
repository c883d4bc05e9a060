import Crypto
import Foundation

/// What a file connector remembers of each file it loaded, to notice a changed file without
/// reading it all: its size, modification time, and a hash of its first and last 64 KiB.
/// (Hashing whole files would cost more than loading them.)
struct FileFingerprint: Sendable, Hashable {
    /// Where the file is now, absolute: what the readers read.
    var path: String
    /// How the load ledger names it: relative to the project root when it is inside (so a moved
    /// or copied project recognises the files it loaded), else absolute.
    var key: String
    var size: Int64
    var fingerprint: String

    static let sampleSize = 64 * 1024

    static func of(_ url: URL, projectRoot: URL) throws -> FileFingerprint {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        var hasher = SHA256()
        hasher.update(data: Data("\(size):\(modified)".utf8))
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        if let head = try handle.read(upToCount: sampleSize) { hasher.update(data: head) }
        if size > Int64(sampleSize) {
            try handle.seek(toOffset: UInt64(size - Int64(sampleSize)))
            if let tail = try handle.read(upToCount: sampleSize) { hasher.update(data: tail) }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return FileFingerprint(
            path: url.path, key: key(of: url, projectRoot: projectRoot), size: size,
            fingerprint: String(digest.prefix(32)))
    }

    static func key(of url: URL, projectRoot: URL) -> String {
        let root = projectRoot.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
