-- W1 reference ("the physical limit"): plain DuckDB doing what an ingest must do, in one script.
-- Run by harness/run_sql.py against a fresh database file; {csv} and {parquet} are paths.
-- 1. the CSV into a table, with the declared types (no type sniffing);
CREATE TABLE orders_raw AS
SELECT * FROM read_csv({csv}, header = true, delim = ',', quote = '"', escape = '"',
    columns = {
        'order_id': 'BIGINT', 'customer_id': 'BIGINT', 'status': 'VARCHAR', 'quantity': 'INTEGER',
        'amount': 'DECIMAL(12,2)', 'currency': 'VARCHAR', 'ordered_at': 'TIMESTAMP',
        'updated_at': 'TIMESTAMP', 'email': 'VARCHAR', 'shipping_address': 'VARCHAR', 'note': 'VARCHAR'
    });
-- 2. the raw batch, unchanged, to Parquet (the landing copy);
COPY orders_raw TO {parquet} (FORMAT parquet);
-- 3. one row per order: the latest by updated_at.
CREATE TABLE orders AS
SELECT * FROM orders_raw
QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY updated_at DESC) = 1;
