import Foundation
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

    public init(open: @escaping @Sendable (StateLayout) throws(CatalogError) -> any CatalogStore,
                exists: @escaping @Sendable (StateLayout) -> Bool) {
        self.open = open
        self.exists = exists
    }

    /// The default: one SQLite file per environment, `<state>/<env>/catalog.sqlite`.
    public static let sqlite = CatalogStores(
        open: { layout throws(CatalogError) in try SQLiteCatalog(file: layout.catalogFile) },
        exists: { FileManager.default.fileExists(atPath: $0.catalogFile.path) }
    )
}
