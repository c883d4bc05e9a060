select 1 as entry
