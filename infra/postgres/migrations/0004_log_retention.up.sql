-- Retention of the log store (infra/postgres/logs/log_retention.ts) deletes,
-- day partition by day partition, the rows of one category older than that
-- category's cutoff. This index finds them in order, or finds that there are
-- none, without reading the rest of the partition.
create index log_events_category_time on log_events (category, ts, event_id);
