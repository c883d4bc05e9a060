-- Adapted from dbt-labs/jaffle_shop models/staging/stg_payments.sql (Apache-2.0):
-- {{ ref('raw_payments') }} became the source src.raw_payments.
with source as (

    select * from src.raw_payments

),

renamed as (

    select
        id as payment_id,
        order_id,
        payment_method,

        -- `amount` is currently stored in cents, so we convert it to dollars
        amount / 100 as amount

    from source

)

select * from renamed
