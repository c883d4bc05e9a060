-- W3 reference: ten checks on the orders table, one query (one scan of orders, plus the
-- customers table for the relationship), against the database file {db} opened read-only.
-- Each column is what the check measures: the number of failing rows (row_count: the count;
-- freshness: the latest ordered_at). Checks as docs/products.md defines them.
ATTACH {db} AS w3 (READ_ONLY);
SELECT
    count(order_id) - count(DISTINCT order_id)                                       AS unique_order_id,
    count(*) FILTER (WHERE order_id IS NULL)                                        AS not_null_order_id,
    count(*) FILTER (WHERE o.customer_id IS NULL)                                   AS not_null_customer_id,
    count(*) FILTER (WHERE status NOT IN ('placed', 'paid', 'shipped', 'delivered', 'returned')) AS accepted_values_status,
    count(*) FILTER (WHERE status <> 'returned' AND (amount < 0 OR amount > 100000)) AS range_amount,
    count(*) FILTER (WHERE NOT regexp_full_match(email, '^[^@]+@[^@]+$'))           AS regex_email,
    count(*)                                                                        AS row_count,
    max(ordered_at)::VARCHAR                                                        AS freshness_ordered_at,
    count(*) FILTER (WHERE o.customer_id IS NOT NULL AND c.customer_id IS NULL)     AS relationship_customer_id,
    count(*) FILTER (WHERE amount = 0)                                              AS sql_no_free_orders
FROM w3.orders AS o
LEFT JOIN w3.customers AS c ON o.customer_id = c.customer_id;
