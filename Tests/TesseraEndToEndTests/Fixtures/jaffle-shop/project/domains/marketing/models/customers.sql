-- Adapted from dbt-labs/jaffle_shop models/customers.sql (Apache-2.0): the refs to
-- stg_customers, stg_orders and stg_payments became the products crm.customers, sales.orders
-- and sales.payments, which the other two domains publish. sales.orders has more columns than
-- stg_orders had (an amount among them, which would make `amount` below ambiguous), so the
-- orders CTE keeps only stg_orders' columns.
with customers as (

    select * from crm.customers

),

orders as (

    select order_id, customer_id, order_date, status from sales.orders

),

payments as (

    select * from sales.payments

),

customer_orders as (

        select
        customer_id,

        min(order_date) as first_order,
        max(order_date) as most_recent_order,
        count(order_id) as number_of_orders
    from orders

    group by customer_id

),

customer_payments as (

    select
        orders.customer_id,
        sum(amount) as total_amount

    from payments

    left join orders on
         payments.order_id = orders.order_id

    group by orders.customer_id

),

final as (

    select
        customers.customer_id,
        customers.first_name,
        customers.last_name,
        customer_orders.first_order,
        customer_orders.most_recent_order,
        customer_orders.number_of_orders,
        customer_payments.total_amount as customer_lifetime_value

    from customers

    left join customer_orders
        on customers.customer_id = customer_orders.customer_id

    left join customer_payments
        on  customers.customer_id = customer_payments.customer_id

)

select * from final
