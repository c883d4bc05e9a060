select date_trunc('day', ordered_at) as day, sum(amount) as revenue
from sales.orders
group by all
