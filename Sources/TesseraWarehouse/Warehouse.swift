import DuckDB
import Foundation
import Synchronization
import TesseraModel

/// A domain's own analytical database: one DuckDB file per domain and environment.
///
/// Loaded data lives in schema `src`; Tessera's own bookkeeping (which loads happened, what they
/// saw, which models were built) lives in schema `_tessera` of the same file, so that a load's
/// data and its record commit in one transaction — a load is either entirely there or not at all.
/// The warehouse creates both schemas; each part of Tessera creates its own tables in them
/// (``prepare(_:_:)``), so the warehouse knows nothing of loads or builds.
public final class Warehouse: Sendable {
    public let domain: String
    public let file: URL
    public let database: Database
    /// The bookkeeping already set up in this open (``prepare(_:_:)``).
    private let prepared = Mutex<Set<String>>([])

    /// Opens (creating if needed) the warehouse file and its bookkeeping tables, with DuckDB's
    /// sandbox confining it to `sandbox` (``Warehouse/sandbox(domain:project:layout:)``).
    /// `functions` are registered in it before anything runs: views kept in the file may call
    /// them (the masks of other domains' products do), and DuckDB keeps no function in the file.
    public init(domain: String, file: URL, sandbox: Sandbox, functions: [any RegisteredFunction] = []) throws {
        self.domain = domain
        self.file = file
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw WarehouseError(
                "cannot create the state folder \(file.deletingLastPathComponent().path): \(error.localizedDescription)"
            )
        }
        do {
            database = try Database(path: file.path, options: Warehouse.engineOptions())
        } catch let error as DuckDBError where error.message.contains("lock") {
            throw WarehouseError(
                "the warehouse of domain '\(domain)' is busy: \(Self.holder(of: file, duckDB: error.message))",
                hint: "wait for it to finish, then run this again: one command at a time writes a domain's warehouse")
        } catch let error as DuckDBError {
            throw WarehouseError(
                "cannot open the warehouse of domain '\(domain)' (\(file.path)): \(error.message)")
        }
        do { try sandbox.confine(database) } catch {
            throw WarehouseError("cannot sandbox the warehouse of domain '\(domain)': \(error)")
        }
        let connection = try database.connect()
        for function in functions { try function.register(on: connection) }
        try connection.execute("CREATE SCHEMA IF NOT EXISTS src; CREATE SCHEMA IF NOT EXISTS _tessera;")
        WarehouseHolder.current().write(for: file)
    }

    /// Runs `setUp` (creating a component's bookkeeping tables, say) the first time `name` is
    /// asked for in this open, and never again: loads of one domain run in parallel on one
    /// warehouse, and DuckDB refuses two transactions creating the same table at once.
    public func prepare(_ name: String, _ setUp: (Connection) throws -> Void) throws {
        try prepared.withLock { prepared in
            guard !prepared.contains(name) else { return }
            try setUp(try database.connect())
            prepared.insert(name)
        }
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
        var options = Sandbox.openOptions
        if let limit = environment["TESSERA_MEMORY_LIMIT"], !limit.isEmpty { options["memory_limit"] = limit }
        return options
    }

    /// What the warehouse of `domain` may read and write, for DuckDB's sandbox: the domain's
    /// state folder (the database, its temporary files, landing, staging, its own snapshots), the
    /// folders its file sources read, and the snapshot folders of the other domains' products it
    /// may read (`access.readers`) or checks against (`relationship`). Nothing else: a model's
    /// `read_parquet` of another domain's lake fails in DuckDB even if the SQL guard missed it.
    public static func sandbox(domain: String, project: Project, layout: StateLayout) -> Sandbox {
        var folders = [layout.domainDirectory(domain)]
        guard let own = project.domain(named: domain) else { return Sandbox(directories: folders) }
        for source in own.sources {
            switch source.connector {
            case .csv(let files), .json(let files), .parquet(let files):
                folders.append(folder(of: files.path.value, root: project.root))
            case .postgres, .http:
                continue
            }
        }
        let policy = ReadPolicy(project: project)
        for other in project.domains where other.name != domain {
            for product in other.products where policy.decide(.domain(domain), reads: product).isReadable {
                folders.append(layout.productDirectory(domain: other.name, product: product.name))
            }
        }
        let checks = own.products.flatMap(\.checks) + own.models.flatMap(\.allChecks)
        for case .relationship(_, let target) in checks.map(\.kind) {
            folders.append(layout.productDirectory(domain: target.domain, product: target.product))
        }
        return Sandbox(directories: folders)
    }

    /// The folder a file source's path reads below: up to its first wildcard, or the folder of
    /// one file.
    static func folder(of pattern: String, root: URL) -> URL {
        let absolute = pattern.hasPrefix("/") ? pattern : root.appendingPathComponent(pattern).path
        let components = absolute.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        let folder = fixed.count == components.count ? fixed.dropLast() : fixed
        return URL(fileURLWithPath: folder.joined(separator: "/") + "/", isDirectory: true)
    }

    public func connect() throws -> Connection {
        try database.connect()
    }
}
