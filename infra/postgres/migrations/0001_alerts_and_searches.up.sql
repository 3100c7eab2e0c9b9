-- Alerts, alert rules and search history (SPEC S5.3).

create table alerts (
  id uuid primary key,
  fingerprint text not null,
  severity text not null check (severity in ('critical', 'high', 'medium', 'low', 'info')),
  status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
  source text not null,
  title text not null,
  description text,
  details jsonb not null default '{}'::jsonb,
  occurrence_count integer not null default 1 check (occurrence_count > 0),
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  acknowledged_by text,
  acknowledged_at timestamptz,
  resolved_by text,
  resolved_at timestamptz,
  notifications jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One open (not resolved) alert per fingerprint: repeats bump its count.
create unique index alerts_open_fingerprint on alerts (fingerprint) where status <> 'resolved';
create index alerts_severity_status on alerts (severity, status, last_seen_at desc);
create index alerts_unresolved on alerts (last_seen_at desc) where status <> 'resolved';

create table alert_rules (
  id uuid primary key,
  name text not null unique,
  description text,
  query jsonb not null,
  threshold integer not null check (threshold > 0),
  window_seconds integer not null check (window_seconds between 60 and 86400),
  severity text not null check (severity in ('critical', 'high', 'medium', 'low', 'info')),
  channels text[] not null default '{}',
  enabled boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_evaluated_at timestamptz,
  last_triggered_at timestamptz
);

create table search_history (
  id uuid primary key,
  user_id text not null,
  query jsonb not null,
  query_hash text not null,
  saved boolean not null default false,
  name text,
  run_count integer not null default 1 check (run_count > 0),
  first_run_at timestamptz not null default now(),
  last_run_at timestamptz not null default now(),
  unique (user_id, query_hash),
  check (not saved or name is not null)
);
create index search_history_saved on search_history (user_id, name) where saved;
create index search_history_frequent on search_history (user_id, run_count desc, last_run_at desc);
