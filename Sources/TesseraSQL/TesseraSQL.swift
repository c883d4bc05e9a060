// SQL analysis through DuckDB's own parser: dependencies, macros, column lineage.
