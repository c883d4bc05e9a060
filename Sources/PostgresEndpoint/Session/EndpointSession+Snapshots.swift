import Foundation
import TesseraCore

extension EndpointSession {
    /// At a transaction's start (a Query message or an extended-protocol batch outside a block,
    /// or BEGIN): when a publish changed what the principal reads since the session's views were
    /// made, the products are opened again (and the catalog, when the relations changed), so the
    /// transaction reads the snapshots current now, and only those until it ends — a publish in
    /// the middle of it is not seen half-way. Portals do not outlive a transaction here.
    func refreshSnapshots(reopen: () async throws(CoreError) -> QuerySession) async throws(EndpointError) {
        do {
            let current = try await products.isCurrent()
            guard !current else { return }
            let fresh = try await reopen()
            var catalog = self.catalog
            if fresh.relations != products.relations {
                catalog = try CatalogEmulation(
                    relations: fresh.relations, database: catalog.database, user: settings["user"] ?? "")
            }
            // The old views' streams go first: once the old session is dropped its lease ends.
            portals = [:]
            explained = [:]
            replace(products: fresh, catalog: catalog)
            try setSearchPath(settings["search_path"] ?? SearchPath.defaultText)
        } catch {
            throw ErrorMapping.error(error)
        }
    }
}
