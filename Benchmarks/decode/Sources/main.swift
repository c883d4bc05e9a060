import DuckDB
print(duckDBLibraryVersion())
