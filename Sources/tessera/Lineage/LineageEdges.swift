import TesseraLineage
import TesseraModel

/// Where `tessera lineage` gets its edges: the one place to change when they come from the catalog.
///
/// Today they are extracted from the project as `validate` analyses it (the same SQL, the same
/// resolution), so lineage works before anything has run. Once runs record their edges in the
/// catalog, this reads those instead (`lineageEdges()` of the catalog store).
enum LineageEdges {
    static func load(_ context: ProjectContext) throws -> [MeshLineageEdge] {
        LineageExtractor.edges(from: context.mesh)
    }
}
