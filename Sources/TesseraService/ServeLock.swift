import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `tessera serve` per environment: an exclusive `flock` on `serve.lock` in the environment
/// folder, held for the life of the process (the kernel drops it when the process dies, even by
/// `kill -9`), and `serve.json` beside it saying who holds it. Other commands ask `holder(in:)`
/// whether a service is running, to hand their work to it.
public final class ServeLock: Sendable {
    /// What `serve.json` says about the running service.
    public struct Info: Codable, Sendable, Hashable {
        public var pid: Int32
        public var started: Date
        public var instance: String
        /// Where its HTTP API listens, once it does.
        public var host: String?
        public var port: Int?
        /// Where its PostgreSQL endpoint listens, when `--pg-port` started one.
        public var pgPort: Int?

        public init(
            pid: Int32, started: Date, instance: String, host: String? = nil, port: Int? = nil, pgPort: Int? = nil
        ) {
            self.pid = pid
            self.started = started
            self.instance = instance
            self.host = host
            self.port = port
            self.pgPort = pgPort
        }
    }

    public enum Failure: Error, Sendable {
        /// Another process holds the lock; what its serve.json says, when readable.
        case held(Info?)
        case unavailable(String)
    }

    public let folder: URL
    private let descriptor: Int32

    public static func lockFile(in folder: URL) -> URL { folder.appendingPathComponent("serve.lock") }
    public static func infoFile(in folder: URL) -> URL { folder.appendingPathComponent("serve.json") }

    /// Takes the lock of the environment folder and writes `info` to serve.json.
    public init(folder: URL, info: Info) throws(Failure) {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .unavailable("cannot create \(folder.path): \(error.localizedDescription)")
        }
        let fd = open(Self.lockFile(in: folder).path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unavailable("cannot open \(Self.lockFile(in: folder).path): \(Self.errorText())") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .held(Self.readInfo(in: folder))
        }
        self.folder = folder
        self.descriptor = fd
        do { try Self.encoder.encode(info).write(to: Self.infoFile(in: folder), options: .atomic) } catch {
            throw .unavailable("cannot write \(Self.infoFile(in: folder).path): \(error.localizedDescription)")
        }
    }

    /// Writes serve.json again, e.g. with the address the HTTP API bound once it listens.
    public func record(_ info: Info) throws(Failure) {
        do { try Self.encoder.encode(info).write(to: Self.infoFile(in: folder), options: .atomic) } catch {
            throw .unavailable("cannot write \(Self.infoFile(in: folder).path): \(error.localizedDescription)")
        }
    }

    /// Removes serve.json and releases the lock (a clean stop).
    public func release() {
        try? FileManager.default.removeItem(at: Self.infoFile(in: folder))
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The running service of the environment folder, or nil when none holds its lock.
    public static func holder(in folder: URL) -> Info? {
        let fd = open(lockFile(in: folder).path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return readInfo(in: folder) ?? Info(pid: 0, started: Date(timeIntervalSince1970: 0), instance: "unknown")
    }

    static func readInfo(in folder: URL) -> Info? {
        guard let data = try? Data(contentsOf: infoFile(in: folder)) else { return nil }
        return try? decoder.decode(Info.self, from: data)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
