import Foundation

/// A fresh folder under the system temporary directory, removed when the value goes away, so
/// every test works on its own real files.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    /// `prefix` names the folder, so a leftover one says which tests made it.
    public init(prefix: String = "tessera-tests") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The URL of `path`, relative to the folder.
    public func file(_ path: String) -> URL {
        url.appendingPathComponent(path)
    }

    /// Writes `contents` at `path` (relative), creating folders as needed.
    public func write(_ path: String, _ contents: String) throws {
        try write(path, Data(contents.utf8))
    }

    public func write(_ path: String, _ contents: Data) throws {
        let target = file(path)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: target)
    }

    /// Removes `path` (relative): a file or a whole folder.
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: file(path))
    }
}
