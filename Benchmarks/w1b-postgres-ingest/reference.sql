-- W1b's reference, step 2 (after psql's \copy, see reference.sh): the CSV into a DuckDB table,
-- typed as in PostgreSQL (numeric(12,2) -> DECIMAL(12,2), timestamptz -> TIMESTAMPTZ, …).
CREATE TABLE orders AS
SELECT * FROM read_csv({csv}, header = true, auto_detect = false, columns = {
    'id': 'BIGINT', 'customer_id': 'INTEGER', 'quantity': 'INTEGER', 'amount': 'DECIMAL(12,2)',
    'status': 'VARCHAR', 'note': 'VARCHAR', 'ordered_at': 'TIMESTAMP', 'shipped_at': 'TIMESTAMPTZ',
    'is_gift': 'BOOLEAN'
});
