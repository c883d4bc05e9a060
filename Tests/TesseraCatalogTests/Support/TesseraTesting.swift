import Foundation
import TesseraModel
// The shared test helpers (`TemporaryDirectory`) are in scope in every file of this target.
@_exported import TesseraTesting

extension TemporaryDirectory {
    /// Where the runtime will keep it: `<project>/.tessera/<env>/catalog.sqlite`. The folders
    /// below `url` do not exist yet: opening the catalog creates them.
    var catalogFile: URL { StateLayout(projectRoot: url, environment: "dev").catalogFile }
}
