-- Log events for the embedded mode and small installs (SPEC S4, S5.1): the
-- Postgres counterpart of the search engines' data streams.

-- One partition per UTC day, created on demand by the store before it writes
-- (log_events_ensure_partition). Retention drops whole partitions.
create table log_events (
  event_id text collate "C" not null,
  ts timestamptz not null,
  ingested timestamptz not null,
  category text not null check (category in ('app', 'error', 'security')),
  level text not null check (level in ('trace', 'debug', 'info', 'warn', 'error', 'fatal')),
  service_name text collate "C" not null,
  service_environment text collate "C",
  message text not null,
  event_action text collate "C",
  event_outcome text,
  trace_id text collate "C",
  span_id text collate "C",
  user_id text collate "C",
  source_ip text collate "C",
  user_agent text,
  http_method text collate "C",
  url_path text collate "C",
  http_status integer,
  error_type text collate "C",
  error_message text,
  error_stack_trace text,
  host_name text collate "C",
  labels jsonb,
  attributes jsonb,
  -- Words of message (weight A) and error.message (weight B), built by the
  -- service with the same tokenizer the search engines' templates use.
  search_vector tsvector not null
) partition by range (ts);

create index log_events_time on log_events (ts desc, event_id desc);
create index log_events_service_time on log_events (service_name, ts desc);
create index log_events_level_time on log_events (level, ts desc);
create index log_events_text on log_events using gin (search_vector);
create index log_events_ingested on log_events (ingested, event_id);
create index log_events_trace on log_events (trace_id) where trace_id is not null;
create index log_events_user on log_events (user_id, ts desc) where user_id is not null;
create index log_events_error_type on log_events (error_type, ts desc) where error_type is not null;

-- Ingestion is idempotent by event id: an id is claimed here first, and only
-- newly claimed ids are written to log_events (a unique key on the partitioned
-- table would have to include the timestamp).
create table log_event_ids (
  event_id text collate "C" primary key,
  ts timestamptz not null
);
create index log_event_ids_ts on log_event_ids (ts);

-- Creates the partition holding `day` unless it exists; safe when several
-- writers race to create the same day.
create function log_events_ensure_partition(day date) returns void
language plpgsql as $$
declare
  name text := 'log_events_' || to_char(day, 'YYYYMMDD');
begin
  if to_regclass(name) is not null then
    return;
  end if;
  begin
    execute format(
      'create table %I partition of log_events for values from (%L) to (%L)',
      name,
      (day::timestamp at time zone 'UTC'),
      ((day + 1)::timestamp at time zone 'UTC')
    );
  exception when duplicate_table or unique_violation then
    null;
  end;
end;
$$;

-- A user's saved searches have distinct names.
create unique index search_history_saved_name on search_history (user_id, name) where saved;
