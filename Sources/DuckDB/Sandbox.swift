import Foundation

/// DuckDB's own sandbox for a database that runs SQL its owner did not write: no file, network or
/// extension beyond the folders and files named here.
///
/// DuckDB 2.0's rules, which fix the order of the steps: `allowed_directories` and
/// `allowed_paths` cannot be given when the database is opened, only set once it runs, and
/// only while external access is still on; once `enable_external_access` is off it cannot be
/// turned on again, nor the lists changed. `lock_configuration` then refuses every later `SET`
/// (Tessera's own too, so it comes last). The folders hold for reads, `COPY … TO`, `ATTACH`,
/// `glob` and DuckDB's temporary folder alike; `..` in a path does not leave them.
public struct Sandbox: Sendable, Hashable {
    /// Folders readable and writable, with everything below them.
    public var directories: [URL]
    /// Single files readable and writable (e.g. a database to `ATTACH` and its WAL).
    public var files: [URL]

    public init(directories: [URL], files: [URL] = []) {
        self.directories = directories
        self.files = files
    }

    /// Options for opening the database: never install or load an extension on the fly (a
    /// `read_csv('https://…')` would fetch httpfs). What Tessera needs is built in.
    public static let openOptions = ["autoinstall_known_extensions": "false", "autoload_known_extensions": "false"]

    /// A folder of the system's temporary folder that every sandbox allows, for the files the
    /// owner writes and reads back at once (e.g. an empty Parquet file to learn how types read
    /// back). Nothing is kept there. One per user: another user's folder would not be writable.
    public static let scratchDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "tessera-scratch-\(getuid())", isDirectory: true)

    /// Turns external access off but for `directories`, `files` and the scratch folder. Cannot be
    /// undone.
    public func confine(_ database: Database) throws {
        let connection = try database.connect()
        let folders = Set((directories + [Self.scratchDirectory]).map { $0.standardizedFileURL.path + "/" }).sorted()
        let paths = Set(files.map(\.standardizedFileURL.path)).sorted()
        if !folders.isEmpty { try connection.execute("SET allowed_directories = \(SQL.list(folders))") }
        if !paths.isEmpty { try connection.execute("SET allowed_paths = \(SQL.list(paths))") }
        try connection.execute("SET enable_external_access = false")
    }

    /// Refuses any later change of configuration, by anyone. Call it once the owner has set what
    /// it needs (a `SET` on a locked database fails, and aborts the transaction it is in).
    /// Locking a locked database does nothing (DuckDB would refuse the `SET`).
    public static func lock(_ database: Database) throws {
        let connection = try database.connect()
        guard !isLocked(connection) else { return }
        try connection.execute("SET lock_configuration = true")
    }

    /// Whether `lock` was called: an owner with an optional `SET` (a speed-up) skips it then.
    public static func isLocked(_ connection: Connection) -> Bool {
        (try? connection.scalar("SELECT current_setting('lock_configuration')"))?.boolValue == true
    }
}
