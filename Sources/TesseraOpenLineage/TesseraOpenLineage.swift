// OpenLineage run events for the runs of the mesh.
