drop table if exists alert_outbox;
drop table if exists alert_silences;
drop table if exists alert_rule_groups;
drop table if exists alert_rules;
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
drop index if exists alerts_rule_group;
drop index if exists alerts_source_id;
alter table alerts
  drop column if exists silenced,
  drop column if exists last_notified_at,
  drop column if exists group_key,
  drop column if exists rule_id,
  drop column if exists previous_alert_id,
  drop column if exists labels;
