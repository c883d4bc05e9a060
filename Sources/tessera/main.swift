import DuckDB
print("tessera (DuckDB \(duckDBLibraryVersion()))")
