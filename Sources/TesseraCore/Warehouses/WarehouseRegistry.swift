import DuckDB
import Foundation
import Synchronization
import TesseraIngest
import TesseraWarehouse

/// The warehouses this process has open, one per file. DuckDB lets a process open a database file
/// read-write once: a service that runs one domain's build while it ingests another's sources must
/// hand both the same `Warehouse`, not open the file twice. Every front end goes through one
/// registry (the `Workspace`'s), so none can open a warehouse behind another's back.
public final class WarehouseRegistry: Sendable {
    private let open = Mutex<[String: Warehouse]>([:])

    public init() {}

    /// The warehouse of `domain` in `file`, opened (and created, confined to `sandbox`) the first
    /// time it is asked for, with `functions` registered (the mask key's: the workspace always
    /// passes them).
    public func warehouse(domain: String, file: URL, sandbox: Sandbox, functions: [any RegisteredFunction]) throws
        -> Warehouse
    {
        try open.withLock { open in
            let key = file.standardizedFileURL.path
            if let warehouse = open[key] { return warehouse }
            let warehouse = try Warehouse(domain: domain, file: file, sandbox: sandbox, functions: functions)
            open[key] = warehouse
            return warehouse
        }
    }

    /// Forgets the open warehouses of `domains`: each closes once the last run using it lets it
    /// go. A long-running service calls it after each run, so its warehouses are not held between
    /// runs and other commands (`plan`, `query`) can open them.
    public func release(domains: some Sequence<String>) {
        let names = Set(domains)
        open.withLock { open in open = open.filter { !names.contains($0.value.domain) } }
    }
}
