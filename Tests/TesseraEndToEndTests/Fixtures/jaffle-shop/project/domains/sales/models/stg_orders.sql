-- Adapted from dbt-labs/jaffle_shop models/staging/stg_orders.sql (Apache-2.0):
-- {{ ref('raw_orders') }} became the source src.raw_orders.
with source as (

    select * from src.raw_orders

),

renamed as (

    select
        id as order_id,
        user_id as customer_id,
        order_date,
        status

    from source

)

select * from renamed
