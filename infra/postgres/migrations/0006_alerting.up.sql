-- Alerting (SPEC S5.3, S12): alerts gain labels, the link to the alert they
-- reopen and the rule group that raised them; rules get their evaluation
-- shape and state; silences; and the durable delivery outbox.

alter table alerts
  add column labels jsonb not null default '{}'::jsonb,
  add column previous_alert_id uuid references alerts (id),
  add column rule_id uuid,
  add column group_key text,
  add column last_notified_at timestamptz,
  add column silenced boolean not null default false;
-- Keyset pages walk ids (UUIDv7: time ordered, never changing).
create index alerts_source_id on alerts (source, id desc);
create index alerts_rule_group on alerts (rule_id, group_key) where status <> 'resolved';

-- The 0001 rule table was never used: replaced by the evaluated shape.
drop table alert_rules;
create table alert_rules (
  id uuid primary key,
  name text not null unique,
  query text not null default '',
  filters jsonb not null default '{}'::jsonb,
  group_by text,
  window_ms integer not null check (window_ms between 1000 and 86400000),
  interval_ms integer not null check (interval_ms between 1000 and 86400000),
  condition_op text not null check (condition_op in ('>', '>=', '<', '<=', '==')),
  threshold double precision not null,
  for_ms integer not null default 0 check (for_ms between 0 and 86400000),
  keep_firing_for_ms integer not null default 0 check (keep_firing_for_ms between 0 and 86400000),
  severity text not null check (severity in ('critical', 'high', 'medium', 'low', 'info')),
  labels jsonb not null default '{}'::jsonb,
  channels text[],
  enabled boolean not null default true,
  state text not null default 'normal'
    check (state in ('normal', 'pending', 'firing', 'recovering', 'error', 'nodata')),
  state_since timestamptz not null default now(),
  last_error text,
  last_evaluated_at timestamptz,
  last_evaluation_ms integer,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index alert_rules_due on alert_rules (last_evaluated_at nulls first) where enabled;

-- One row per rule and group (one group, '', for an ungrouped rule): where
-- that group is in the Pending/Firing/Recovering cycle.
create table alert_rule_groups (
  rule_id uuid not null references alert_rules (id) on delete cascade,
  group_key text not null,
  state text not null check (state in ('pending', 'firing', 'recovering')),
  active_since timestamptz not null,
  last_breach_at timestamptz not null,
  value double precision not null,
  alert_id uuid references alerts (id),
  primary key (rule_id, group_key)
);

create table alert_silences (
  id uuid primary key,
  matchers jsonb not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  comment text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  expired_at timestamptz
);
create index alert_silences_active on alert_silences (ends_at) where expired_at is null;

-- Notifications waiting for (or done with) delivery, one row per channel and
-- action. Written in the transaction that changed the alert; drained by the
-- service, so a notification survives a crash.
create table alert_outbox (
  id bigserial primary key,
  channel text not null,
  action text not null check (action in ('trigger', 'acknowledge', 'resolve')),
  group_key text not null,
  alert_ids uuid[] not null,
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  available_at timestamptz not null,
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
-- A burst from one group inside the group window joins the row still waiting.
create unique index alert_outbox_gathering on alert_outbox (channel, group_key)
  where status = 'pending' and action = 'trigger';
create index alert_outbox_due on alert_outbox (available_at) where status in ('pending', 'sending');
