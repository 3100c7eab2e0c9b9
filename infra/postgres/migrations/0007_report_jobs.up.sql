-- Report jobs (SPEC S6 reports): large reports are made in the background by whichever
-- instance claims the job; the file is kept here until the job expires, so any instance can
-- serve it and a restart loses nothing (a job whose owner stopped beating is taken over).
create table report_jobs (
  id uuid primary key,
  report_type text not null check (report_type in ('compliance', 'gdpr', 'privacy', 'security')),
  format text not null check (format in ('json', 'csv', 'html', 'pdf')),
  parameters jsonb not null,
  requester jsonb not null,
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'failed', 'expired')),
  owner text,
  heartbeat_at timestamptz,
  attempts integer not null default 0,
  rows_done bigint not null default 0,
  rows_estimate bigint not null default 0,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz not null,
  error_code text,
  error_detail text,
  result jsonb,
  content bytea
);

-- Claiming takes the oldest waiting job; expiry looks for finished ones past their time.
create index report_jobs_claim on report_jobs (created_at) where status in ('queued', 'running');
create index report_jobs_expiry on report_jobs (expires_at) where status <> 'expired';
