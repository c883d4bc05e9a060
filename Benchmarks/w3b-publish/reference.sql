-- W3b reference: the publish step as plain DuckDB. The orders table of a copy of W3's database
-- file (opened read-write, like a domain's warehouse) written as one zstd Parquet file, with
-- the settings of Tessera's SnapshotWriter. No contract, no checks, no profile, no catalog.
COPY (SELECT * FROM orders) TO {out} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880);
