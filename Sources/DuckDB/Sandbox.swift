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

    /// The scratch folder, made if missing, once it is known to be this user's alone (owned by
    /// this user, no one else may write or read in it). The system's temporary folder is shared: a
    /// folder of that name made by someone else could let them swap a file (or a pipe a result is
    /// written into) for their own between its creation and its use.
    public static func privateScratchDirectory() throws -> URL {
        let path = scratchDirectory.path
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw DuckDBError(kind: .io, message: "cannot make the folder \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == getuid() else {
            throw DuckDBError(
                kind: .permission,
                message:
                    "the folder \(path) is not this user's (it must be a folder owned by uid \(getuid())); remove it")
        }
        // Ours but open to others (made by an earlier version): close it.
        if status.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 {
            throw DuckDBError(
                kind: .permission, message: "cannot make \(path) private: \(String(cString: strerror(errno)))")
        }
        return scratchDirectory
    }

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
