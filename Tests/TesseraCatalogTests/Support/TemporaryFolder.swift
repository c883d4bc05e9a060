import Foundation
import TesseraCatalog
import TesseraModel

/// A fresh folder under the system temporary directory, removed when the value goes away, so
/// every test works on its own real SQLite files.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tessera-catalog-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Where the runtime will keep it: `<project>/.tessera/<env>/catalog.sqlite`. The folders
    /// below `url` do not exist yet: opening the catalog creates them.
    var catalogFile: URL { StateLayout(projectRoot: url, environment: "dev").catalogFile }
}
