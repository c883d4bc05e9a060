select 1 as campaign_id, 'winter' as name
