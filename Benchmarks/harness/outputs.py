"""Finding a contender's output, shared by the workloads' check.py scripts (which run in the
duckdb virtualenv and put this folder on sys.path)."""
import os


def duckdb_files(folder: str) -> list:
    """Every DuckDB database file below folder, by its header (the magic is at byte 8)."""
    found = []
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            try:
                with open(path, "rb") as f:
                    if f.read(12)[8:12] == b"DUCK":
                        found.append(path)
            except OSError:
                pass
    return sorted(found)


def open_table(state: str, schema: str, table: str):
    """A read-only connection to the DuckDB file under state that holds schema.table, or None.
    (Tessera keeps one warehouse per domain; which file holds a table is its business.)"""
    import duckdb

    for path in duckdb_files(state):
        con = duckdb.connect(path, read_only=True)
        hit = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", [schema, table]
        ).fetchone()[0]
        if hit:
            return con
        con.close()
    return None
