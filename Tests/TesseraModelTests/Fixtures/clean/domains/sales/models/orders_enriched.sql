select o.id as order_id, o.customer_id, c.email, o.status, o.amount, o.ordered_at
from src.orders o
join customers c using (customer_id)
where o.ordered_at >= @start and o.ordered_at < @end
