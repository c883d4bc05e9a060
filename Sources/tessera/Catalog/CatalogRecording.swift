import Foundation
import TesseraCatalog
import TesseraModel
import TesseraRuntime
import TesseraTransform

/// `tessera validate` records the metadata of a project without errors, so discovery reflects a
/// project as soon as it is valid, not only after its next run.
enum CatalogRecording {
    /// Records, or says on stderr why it could not: the project is valid either way, and a
    /// catalog that cannot be written is not a validation error.
    static func record(project: Project, mesh: MeshAnalysis, lineage: [MeshLineageEdge], environment: String) async {
        let layout = StateLayout(project: project, environment: environment)
        do {
            let store = try SQLiteCatalog(file: layout.catalogFile)
            try await MetadataRecorder.record(mesh, lineage: lineage, in: store, environment: environment)
        } catch {
            Console.write("warning: the catalog's metadata was not recorded: \(error.description)\n", to: .standardError)
        }
    }
}
