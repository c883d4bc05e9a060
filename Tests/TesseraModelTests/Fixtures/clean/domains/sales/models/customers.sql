select customer_id, email, country, updated_at from src.customers
