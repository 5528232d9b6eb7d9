-- When the next pending delivery falls due (a claimed one: when its claim lapses); NULL when none is pending.
SELECT min(greatest(next_at, coalesce(locked_until, next_at))) AS at FROM webhook_deliveries WHERE status = 'pending'
