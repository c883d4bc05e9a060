// Lineage across the mesh: the graph of MeshLineageEdge values, its traversal and its renderings.
