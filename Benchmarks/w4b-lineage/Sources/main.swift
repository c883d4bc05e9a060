print("lineage-bench: not written yet")
