// The transformation layer: the mesh DAG, selectors, the planner and materializations.
