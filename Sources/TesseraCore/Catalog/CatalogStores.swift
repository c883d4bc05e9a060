import Foundation
import Synchronization
import TesseraCatalog
import TesseraModel

/// Where the catalog of an environment lives, injected into the `Workspace`: the runtime and every
/// area of the core see only `CatalogStore`, so a shared PostgreSQL catalog (or an in-memory one in
/// tests) replaces the default without touching them.
public struct CatalogStores: Sendable {
    /// Opens (creating if needed) the store of an environment.
    public var open: @Sendable (StateLayout) throws(CatalogError) -> any CatalogStore
    /// Whether the environment has a catalog yet; commands that only read (`plan`, `runs`) do not
    /// create one.
    public var exists: @Sendable (StateLayout) -> Bool

    public init(
        open: @escaping @Sendable (StateLayout) throws(CatalogError) -> any CatalogStore,
        exists: @escaping @Sendable (StateLayout) -> Bool
    ) {
        self.open = open
        self.exists = exists
    }

    /// The default: one SQLite file per environment, `<state>/<env>/catalog.sqlite`.
    public static let sqlite = CatalogStores(
        open: { layout throws(CatalogError) in try SQLiteCatalog(file: layout.catalogFile) },
        exists: { FileManager.default.fileExists(atPath: $0.catalogFile.path) }
    )

    /// Catalogs in memory, one per environment, shared by every workspace given these stores: for
    /// tests and tools that must leave no catalog behind (only the audit log's head file is
    /// written, beside where the catalog file would be).
    public static func inMemory() -> CatalogStores {
        let opened = InMemoryCatalogs()
        return CatalogStores(
            open: { layout throws(CatalogError) in try opened.catalog(for: layout) },
            exists: { opened.has(layout: $0) })
    }
}

/// The in-memory catalogs of `CatalogStores.inMemory()`, by environment folder.
private final class InMemoryCatalogs: Sendable {
    private let catalogs = Mutex<[String: SQLiteCatalog]>([:])

    func catalog(for layout: StateLayout) throws(CatalogError) -> SQLiteCatalog {
        let key = layout.environmentDirectory.path
        if let existing = catalogs.withLock({ $0[key] }) { return existing }
        let created = try SQLiteCatalog(inMemoryWithHeadIn: layout.environmentDirectory)
        return catalogs.withLock { catalogs in
            if let existing = catalogs[key] { return existing }
            catalogs[key] = created
            return created
        }
    }

    func has(layout: StateLayout) -> Bool {
        catalogs.withLock { $0[layout.environmentDirectory.path] != nil }
    }
}
