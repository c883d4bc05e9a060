import DuckDB
import Foundation
import Testing
import TesseraIngest

/// What `tessera plan` asks a file source: would its next load find anything? The answer must
/// be the load's own, without loading.
@Suite struct LoadPreviewTests {
    func preview(_ mesh: MeshFixture, _ name: String) throws -> LoadPreview {
        let project = try mesh.project()
        let source = try #require(project.domain(named: mesh.domain)?.source(named: name))
        let file = mesh.layout.warehouseFile(mesh.domain)
        guard FileManager.default.fileExists(atPath: file.path) else {
            return LoadPreview.of(source, projectRoot: project.root, connection: nil)
        }
        let database = try Database(path: file.path, options: ["access_mode": "READ_ONLY"])
        return LoadPreview.of(source, projectRoot: project.root, connection: try database.connect())
    }

    @Test(arguments: ["full", "append"])
    func filesAreComparedWithWhatTheLoadsRecorded(mode: String) async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", "connector: {type: csv, path: data/orders*.csv}\nload: {mode: \(mode)}\n")
        try mesh.write("data/orders_1.csv", "id,amount\n1,10\n")
        #expect(try preview(mesh, "orders") == .neverLoaded)

        #expect(try await mesh.ingestOne("orders").0.status == .committed)
        #expect(try preview(mesh, "orders") == .nothingNew)

        try mesh.write("data/orders_2.csv", "id,amount\n2,20\n")
        #expect(try preview(mesh, "orders") == .newFiles(1, of: 2))
        #expect(try await mesh.ingestOne("orders").0.status == .committed)
        #expect(try preview(mesh, "orders") == .nothingNew)
    }
}
