-- What every contender's copy of {table} must hold, as PostgreSQL computes it: one JSON line.
SELECT json_build_object(
    'rows',           count(*),
    'sum_id',         sum(id)::text,
    'sum_customer',   sum(customer_id)::text,
    'sum_quantity',   sum(quantity)::text,
    'sum_amount',     sum(amount)::text,
    'amounts',        count(amount),
    'notes',          count(note),
    'note_bytes',     sum(octet_length(note))::text,
    'statuses',       count(DISTINCT status),
    'sum_ordered_at', sum(extract(epoch FROM ordered_at))::bigint::text,
    'sum_shipped_at', sum(extract(epoch FROM shipped_at))::bigint::text,
    'shipped',        count(shipped_at),
    'gifts',          count(*) FILTER (WHERE is_gift),
    'not_gifts',      count(*) FILTER (WHERE NOT is_gift)
) FROM {table};
