-- Adapted from dbt-labs/jaffle_shop models/staging/stg_customers.sql (Apache-2.0):
-- {{ ref('raw_customers') }} became the source src.raw_customers.
with source as (

    select * from src.raw_customers

),

renamed as (

    select
        id as customer_id,
        first_name,
        last_name

    from source

)

select * from renamed
