import DuckDB
import Foundation

/// A domain's own analytical database: one DuckDB file per domain and environment.
///
/// Loaded data lives in schema `src`; Tessera's own bookkeeping (which loads happened, what they
/// saw) lives in schema `_tessera` of the same file, so that a load's data and its record commit
/// in one transaction — a load is either entirely there or not at all.
public final class Warehouse: Sendable {
    public let domain: String
    public let file: URL
    public let database: Database

    /// Opens (creating if needed) the warehouse file and its bookkeeping tables. `functions` are
    /// registered in it before anything runs: views kept in the file may call them (the masks of
    /// other domains' products do), and DuckDB keeps no function in the file.
    public init(domain: String, file: URL, functions: [ConstantFunction] = []) throws {
        self.domain = domain
        self.file = file
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw IngestError(
                .environment,
                "cannot create the state folder \(file.deletingLastPathComponent().path): \(error.localizedDescription)"
            )
        }
        do {
            database = try Database(path: file.path, options: Warehouse.engineOptions())
        } catch let error as DuckDBError where error.message.contains("lock") {
            throw IngestError(
                .environment,
                "the warehouse of domain '\(domain)' is busy: \(Self.holder(of: file, duckDB: error.message))",
                hint: "wait for it to finish, then run this again: one command at a time writes a domain's warehouse")
        } catch let error as DuckDBError {
            throw IngestError(
                .environment, "cannot open the warehouse of domain '\(domain)' (\(file.path)): \(error.message)")
        }
        let connection = try database.connect()
        for function in functions { try connection.register(function) }
        try connection.execute(LoadLedger.schemaSQL)
        WarehouseHolder.current().write(for: file)
    }

    deinit { WarehouseHolder.release(file) }

    /// Who holds the file: the holder it wrote, else the process DuckDB's message names.
    static func holder(of file: URL, duckDB message: String) -> String {
        if let holder = WarehouseHolder.read(for: file) { return "in use by \(holder.description)" }
        if let pid = message.firstMatch(of: /PID (\d+)/)?.1 { return "in use by another process (pid \(pid))" }
        return "in use by another process"
    }

    /// DuckDB settings for every warehouse. `TESSERA_MEMORY_LIMIT` (e.g. `1GB`) caps DuckDB's
    /// memory; beyond it DuckDB spills to a temporary folder next to the warehouse.
    static func engineOptions(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var options: [String: String] = [:]
        if let limit = environment["TESSERA_MEMORY_LIMIT"], !limit.isEmpty { options["memory_limit"] = limit }
        return options
    }

    public func connect() throws -> Connection {
        try database.connect()
    }
}
