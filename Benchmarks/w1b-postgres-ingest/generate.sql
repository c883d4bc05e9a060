-- W1b's data, made inside PostgreSQL: {rows} orders in table {table}, deterministic for a given
-- {seed}. Every value is an expression of the row's id and the seed (a multiplicative hash `h`),
-- so the same (rows, seed) gives the same table on any server, with no client-side loop.
-- Run by workload.py with psql; {table}, {rows} and {seed} are substituted before.
SET client_min_messages = warning;
DROP TABLE IF EXISTS {table};
-- UNLOGGED: quicker to fill (no WAL); reading it is no different.
CREATE UNLOGGED TABLE {table} (
    id          bigint PRIMARY KEY,
    customer_id integer NOT NULL,
    quantity    integer,
    amount      numeric(12,2),
    status      text NOT NULL,
    note        text,
    ordered_at  timestamp NOT NULL,
    shipped_at  timestamptz,
    is_gift     boolean
);
INSERT INTO {table}
SELECT
    id,
    1 + h % 250000,
    CASE WHEN h % 53 = 0 THEN NULL ELSE 1 + (h / 7) % 20 END,
    CASE WHEN h % 47 = 0 THEN NULL ELSE ((h / 11) % 10000000) / 100.0 END,
    (ARRAY['placed', 'paid', 'shipped', 'delivered', 'returned'])[1 + (h / 13) % 5],
    -- commas, double and single quotes, a semicolon, non-ASCII; never blank, never padded
    CASE (h / 17) % 6
        WHEN 0 THEN NULL
        WHEN 1 THEN 'Leave at the door, ring "twice"'
        WHEN 2 THEN 'O''Brien, call first'
        WHEN 3 THEN 'gift wrap: "red", ribbon ' || (h % 97)
        WHEN 4 THEN 'order #' || id
        ELSE 'Zürich, 3rd floor; 日本'
    END,
    timestamp '2024-01-01 00:00:00' + ((h / 19) % 31536000) * interval '1 second',
    CASE WHEN h % 5 = 0 THEN NULL
         ELSE timestamptz '2024-01-02 00:00:00+00' + ((h / 23) % 31536000) * interval '1 second' END,
    CASE WHEN h % 31 = 0 THEN NULL ELSE (h / 29) % 2 = 0 END
FROM (
    SELECT id, (id * 2654435761 + {seed} * 40503) % 4294967291 AS h
    FROM generate_series(1, {rows}::bigint) AS id
) AS s;
ANALYZE {table};
