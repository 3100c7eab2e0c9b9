-- Audit trail (SPEC S5.2): append-only, hash-chained, partitioned by month of occurred_at.
-- Hashes are computed by the service (domain/audit/hash_chain.ts); the database keeps the
-- chain append-only, serialises writers and removes expired months through one function.

create table audit_log (
  seq bigint not null check (seq > 0),
  id uuid not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  recorded_by text not null,
  tenant_id text not null,
  actor_id text not null,
  actor_type text not null check (actor_type in ('user', 'service', 'system')),
  actor_ip text,
  actor_user_agent text,
  action text not null,
  action_type text not null,
  resource_type text not null,
  resource_id text,
  outcome text not null check (outcome in ('success', 'failure', 'denied')),
  reason text,
  request_id text,
  trace_id text,
  changes jsonb,
  metadata jsonb not null,
  prev_hash text not null check (length(prev_hash) = 64),
  hash text not null check (length(hash) = 64),
  primary key (seq, occurred_at)
) partition by range (occurred_at);

-- Trail and repository reads go newest first by seq, per actor or per resource.
create index audit_log_actor on audit_log (actor_id, seq);
create index audit_log_resource on audit_log (resource_type, resource_id, seq);

-- Event ids are unique across all partitions (a partitioned table's own unique keys must
-- include occurred_at); this is also where a retry finds the event it already stored.
create table audit_event_ids (
  id uuid primary key,
  seq bigint not null,
  occurred_at timestamptz not null
);

-- The newest link, read and moved under the chain lock by every appender.
create table audit_chain_head (
  singleton boolean primary key default true check (singleton),
  seq bigint not null,
  hash text not null check (length(hash) = 64),
  updated_at timestamptz not null default now()
);
insert into audit_chain_head (seq, hash) values (0, repeat('0', 64));

create table audit_checkpoints (
  id bigint generated always as identity primary key,
  head_seq bigint not null,
  head_hash text not null check (length(head_hash) = 64),
  signed_at timestamptz not null,
  key_id text not null,
  reason text not null check (reason in ('periodic', 'on_demand', 'retention')),
  jws text not null
);
create index audit_checkpoints_seq on audit_checkpoints (head_seq);

-- What retention removed: each run of consecutive seqs with the hashes on either side,
-- so verification can still link across the hole.
create table audit_retention_gaps (
  first_seq bigint primary key,
  last_seq bigint not null check (last_seq >= first_seq),
  row_count bigint not null,
  prev_hash text not null check (length(prev_hash) = 64),
  last_hash text not null check (length(last_hash) = 64),
  checkpoint_id bigint not null references audit_checkpoints (id),
  partitions text[] not null,
  recorded_at timestamptz not null default now()
);

create function audit_reject_change() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'audit_event_ids' and tg_op = 'DELETE'
     and current_setting('audit.retention_in_progress', true) = 'on' then
    return old;
  end if;
  raise exception 'audit data is append-only: % on % is not allowed', tg_op, tg_table_name
    using errcode = 'AUD01', hint = 'old months are removed by audit_drop_expired_partitions()';
end
$$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_reject_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_reject_change();
create trigger audit_event_ids_append_only before update or delete on audit_event_ids
  for each row execute function audit_reject_change();
create trigger audit_event_ids_no_truncate before truncate on audit_event_ids
  for each statement execute function audit_reject_change();
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
  for each row execute function audit_reject_change();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
  for each statement execute function audit_reject_change();
create trigger audit_retention_gaps_append_only before update or delete on audit_retention_gaps
  for each row execute function audit_reject_change();
create trigger audit_retention_gaps_no_truncate before truncate on audit_retention_gaps
  for each statement execute function audit_reject_change();

-- The month partition holding p_at (UTC months), created when missing. Security definer so a
-- deployment can give the service role only INSERT/SELECT on audit_log plus EXECUTE here.
create function audit_ensure_partition(p_at timestamptz) returns text
language plpgsql security definer set search_path from current as $$
declare
  v_from timestamptz := date_trunc('month', p_at, 'UTC');
  v_to timestamptz := (date_trunc('month', p_at, 'UTC') at time zone 'UTC' + interval '1 month')
    at time zone 'UTC';
  v_name text := 'audit_log_' || to_char(v_from at time zone 'UTC', 'YYYY_MM');
begin
  if to_regclass(v_name) is not null then
    return v_name;
  end if;
  perform pg_advisory_xact_lock(7310482520);
  if to_regclass(v_name) is not null then
    return v_name;
  end if;
  begin
    execute format('create table %I partition of audit_log for values from (%L) to (%L)',
      v_name, v_from, v_to);
    execute format('create trigger audit_log_no_truncate before truncate on %I '
      'for each statement execute function audit_reject_change()', v_name);
  exception when duplicate_table or unique_violation then
    null; -- another session created it between our check and our lock
  end;
  return v_name;
end
$$;

-- Retention: drops every month partition that ends at or before p_cutoff. The one path that
-- removes audit rows. It requires the caller to have just recorded a 'retention' checkpoint
-- of the head and then the audit.retention event at the next seq (infra/postgres/audit/
-- retention.ts does both in the same transaction), and it records each removed run of seqs
-- in audit_retention_gaps before dropping.
create function audit_drop_expired_partitions(
  p_cutoff timestamptz, p_checkpoint_id bigint, p_event_seq bigint
) returns table (partition_name text, row_count bigint)
language plpgsql security definer set search_path from current as $$
declare
  v_checkpoint audit_checkpoints%rowtype;
  v_bound timestamptz;
  v_names text[];
  v_name text;
begin
  select * into v_checkpoint from audit_checkpoints where id = p_checkpoint_id;
  if not found or v_checkpoint.reason <> 'retention' or v_checkpoint.head_seq <> p_event_seq - 1
     or not exists (select 1 from audit_log where seq = p_event_seq and action = 'audit.retention')
     or (select seq from audit_chain_head) <> p_event_seq then
    raise exception 'retention needs a retention checkpoint of the head and the audit.retention event after it'
      using errcode = 'AUD02';
  end if;

  select array_agg(c.relname order by c.relname),
         max((to_date(substr(c.relname, 11), 'YYYY_MM') + interval '1 month') at time zone 'UTC')
    into v_names, v_bound
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
   where i.inhparent = 'audit_log'::regclass
     and c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$'
     and (to_date(substr(c.relname, 11), 'YYYY_MM') + interval '1 month') at time zone 'UTC'
         <= p_cutoff;
  if v_names is null then
    return;
  end if;

  insert into audit_retention_gaps
    (first_seq, last_seq, row_count, prev_hash, last_hash, checkpoint_id, partitions)
  select min(seq), max(seq), count(*),
         (array_agg(prev_hash order by seq))[1], (array_agg(hash order by seq desc))[1],
         p_checkpoint_id, v_names
    from (select seq, prev_hash, hash, seq - row_number() over (order by seq) as run
            from audit_log where occurred_at < v_bound) dropped
   group by run;

  perform set_config('audit.retention_in_progress', 'on', true);
  foreach v_name in array v_names loop
    execute format('delete from audit_event_ids e using %I p where e.id = p.id', v_name);
    partition_name := v_name;
    execute format('select count(*) from %I', v_name) into row_count;
    execute format('drop table %I', v_name);
    return next;
  end loop;
  perform set_config('audit.retention_in_progress', 'off', true);
end
$$;
