/**
 * Report jobs in `report_jobs` (migration 0007). Claiming is one statement
 * (`for update skip locked`), so instances starting together never take the
 * same job, and nothing is held open while a job runs: its owner beats by
 * updating `heartbeat_at`, and a job whose owner stopped beating is taken
 * over and restarted from the beginning by another claim.
 * @module
 */
import type postgres from "postgres";
import type {
  JobResult,
  ReportJob,
  ReportJobStore,
  ReportParameters,
} from "../../../domain/reports/mod.ts";
import type { Sql } from "../client.ts";

interface JobRow {
  readonly id: string;
  readonly format: ReportJob["format"];
  readonly parameters: ReportParameters;
  readonly requester: ReportJob["requester"];
  readonly status: ReportJob["status"];
  readonly attempts: number;
  readonly rows_done: string | number;
  readonly rows_estimate: string | number;
  readonly created_at: Date;
  readonly started_at: Date | null;
  readonly finished_at: Date | null;
  readonly expires_at: Date;
  readonly error_code: string | null;
  readonly error_detail: string | null;
  readonly result: JobResult | null;
}

const COLUMNS = [
  "id",
  "format",
  "parameters",
  "requester",
  "status",
  "attempts",
  "rows_done",
  "rows_estimate",
  "created_at",
  "started_at",
  "finished_at",
  "expires_at",
  "error_code",
  "error_detail",
  "result",
];

function toJob(row: JobRow): ReportJob {
  return {
    id: row.id,
    format: row.format,
    parameters: row.parameters,
    requester: row.requester,
    status: row.status,
    rows_done: Number(row.rows_done),
    rows_estimate: Number(row.rows_estimate),
    attempts: row.attempts,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
    expires_at: row.expires_at.toISOString(),
    error: row.error_code ? { code: row.error_code, detail: row.error_detail ?? "" } : null,
    result: row.result,
  };
}

/** The job store over `sql`. */
export function createReportJobStore(sql: Sql): ReportJobStore {
  const columns = sql(COLUMNS);
  const json = (value: unknown) => sql.json(value as postgres.JSONValue);
  return {
    async create(job) {
      const [row] = await sql<JobRow[]>`
        insert into report_jobs (id, report_type, format, parameters, requester, rows_estimate,
                                 expires_at)
        values (${job.id}, ${job.parameters.type}, ${job.format}, ${json(job.parameters)},
                ${json(job.requester)}, ${job.rows_estimate}, ${job.expires_at})
        returning ${columns}`;
      return toJob(row!);
    },

    async get(id) {
      const [row] = await sql<JobRow[]>`select ${columns} from report_jobs where id = ${id}`;
      return row ? toJob(row) : undefined;
    },

    async claim(owner, staleBefore) {
      const [row] = await sql<JobRow[]>`
        update report_jobs set status = 'running', owner = ${owner}, heartbeat_at = now(),
               attempts = attempts + 1, rows_done = 0, started_at = now()
         where id = (
           select id from report_jobs
            where status = 'queued'
               or (status = 'running' and heartbeat_at < ${staleBefore})
            order by created_at
            limit 1
            for update skip locked)
        returning ${columns}`;
      return row ? toJob(row) : undefined;
    },

    async heartbeat(id, owner, rowsDone) {
      const rows = await sql`
        update report_jobs set heartbeat_at = now(), rows_done = ${rowsDone}
         where id = ${id} and owner = ${owner} and status = 'running'`;
      return rows.count === 1;
    },

    async release(id, owner) {
      await sql`
        update report_jobs set status = 'queued', owner = null, heartbeat_at = null
         where id = ${id} and owner = ${owner} and status = 'running'`;
    },

    async complete(id, owner, done) {
      await sql`
        update report_jobs set status = 'succeeded', finished_at = now(),
               expires_at = ${done.expiresAt}, result = ${json(done.result)},
               content = ${done.content}, heartbeat_at = now()
         where id = ${id} and owner = ${owner} and status = 'running'`;
    },

    async fail(id, owner, error) {
      await sql`
        update report_jobs set status = 'failed', finished_at = now(),
               error_code = ${error.code}, error_detail = ${error.detail}
         where id = ${id} and owner = ${owner} and status = 'running'`;
    },

    async content(id) {
      const [row] = await sql<{ content: Uint8Array | null }[]>`
        select content from report_jobs where id = ${id} and status = 'succeeded'`;
      return row?.content ? new Uint8Array(row.content) : undefined;
    },

    async expire(now) {
      const rows = await sql`
        update report_jobs set status = 'expired', content = null
         where expires_at <= ${now} and status <> 'expired'`;
      // Expired jobs are remembered a while (410, not 404), then forgotten.
      await sql`delete from report_jobs
                 where status = 'expired' and expires_at <= ${now}::timestamptz - interval '30 days'`;
      return rows.count;
    },
  };
}
