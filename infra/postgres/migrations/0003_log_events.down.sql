drop index if exists search_history_saved_name;
drop function if exists log_events_ensure_partition(date);
drop table if exists log_event_ids;
drop table if exists log_events;
