import TesseraLineage
import TesseraModel

/// The column-level lineage of the fixture as it was built.
extension MeshFixture {
    public var edges: [MeshLineageEdge] { LineageExtractor.edges(from: mesh) }
    public var graph: LineageGraph { LineageGraph(edges: edges) }
}
