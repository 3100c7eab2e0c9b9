drop function if exists audit_drop_expired_partitions(timestamptz, bigint, bigint);
drop function if exists audit_ensure_partition(timestamptz);
drop table if exists audit_retention_gaps;
drop table if exists audit_checkpoints;
drop table if exists audit_chain_head;
drop table if exists audit_event_ids;
drop table if exists audit_log;
drop function if exists audit_reject_change();
