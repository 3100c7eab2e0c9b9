drop index if exists log_events_category_time;
