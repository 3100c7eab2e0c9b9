import type postgres from "postgres";
import { AppError } from "../../../domain/errors/mod.ts";
import type {
  CountGroup,
  CountGroupField,
  ErrorGroup,
  HitTotal,
  IngestOutcome,
  LogEvent,
  LogOrder,
  LogStore,
  SortPosition,
  StoreSearchRequest,
  StoreSearchResult,
} from "../../../domain/logs/mod.ts";
import type { Sql } from "../client.ts";
import { isConnectionFailure } from "../read_retry.ts";
import { filterCondition } from "./log_filter_sql.ts";
import { eventToRecord, LOG_COLUMNS, type LogRow, rowToEvent } from "./log_rows.ts";

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Options of {@linkcode createPostgresLogStore}. */
export interface PostgresLogStoreOptions {
  /**
   * How far the live tail stays behind the clock: covers transactions that
   * took their ingest time before committing.
   */
  readonly visibilityLagMs?: number;
}

/**
 * The log store on Postgres (and the embedded PGlite): daily partitions,
 * a `tsvector` built with the shared tokenizer, keyset pagination on
 * (time, id). It needs no snapshot: keyset pages over an append-only table
 * neither skip nor repeat events.
 */
export function createPostgresLogStore(sql: Sql, options: PostgresLogStoreOptions = {}): LogStore {
  const knownDays = new Set<string>();

  async function ensurePartitions(events: readonly LogEvent[]): Promise<void> {
    const days = [...new Set(events.map((e) => e["@timestamp"].slice(0, 10)))]
      .filter((day) => !knownDays.has(day));
    if (days.length === 0) return;
    await sql`select log_events_ensure_partition(d) from unnest(${sql.array(days)}::date[]) d`;
    for (const day of days) knownDays.add(day);
  }

  /** Claims the ids and writes the newly claimed events, in one statement. */
  async function insert(events: readonly LogEvent[]): Promise<IngestOutcome[]> {
    const records = sql.json(events.map(eventToRecord) as postgres.JSONValue);
    const created = await sql<{ event_id: string }[]>`
      with input as (
        select * from jsonb_to_recordset(${records}) as x(
          event_id text, ts timestamptz, ingested timestamptz, category text, level text,
          service_name text, service_environment text, message text, event_action text,
          event_outcome text, trace_id text, span_id text, user_id text, source_ip text,
          user_agent text, http_method text, url_path text, http_status integer,
          error_type text, error_message text, error_stack_trace text, host_name text,
          labels jsonb, attributes jsonb, search_vector text
        )
      ), claimed as (
        insert into log_event_ids (event_id, ts)
        select event_id, ts from input
        on conflict do nothing
        returning event_id
      )
      insert into log_events (
        event_id, ts, ingested, category, level, service_name, service_environment,
        message, event_action, event_outcome, trace_id, span_id, user_id, source_ip,
        user_agent, http_method, url_path, http_status, error_type, error_message,
        error_stack_trace, host_name, labels, attributes, search_vector
      )
      select
        event_id, ts, ingested, category, level, service_name, service_environment,
        message, event_action, event_outcome, trace_id, span_id, user_id, source_ip,
        user_agent, http_method, url_path, http_status, error_type, error_message,
        error_stack_trace, host_name, labels, attributes, search_vector::tsvector
      from input
      where event_id in (select event_id from claimed)
      returning event_id`;
    const createdIds = new Set(created.map((r) => r.event_id));
    return events.map((e): IngestOutcome =>
      createdIds.has(e["event.id"]) ? { status: "created" } : { status: "duplicate" }
    );
  }

  return {
    engine: "postgres",
    visibilityLagMs: options.visibilityLagMs ?? 1_000,

    async ingest(events) {
      if (events.length === 0) return [];
      return await unavailableOnConnectionError(async () => {
        await ensurePartitions(events);
        try {
          return await insert(events);
        } catch (error) {
          if (!isMissingPartition(error)) throw error;
          knownDays.clear(); // retention dropped a day this process had seen
          await ensurePartitions(events);
          return await insert(events);
        }
      });
    },

    search(request) {
      return unavailableOnConnectionError(() => search(sql, request));
    },

    errorGroups(filter, size) {
      return unavailableOnConnectionError(async () => {
        const rows = await sql<{ error_type: string; count: number }[]>`
          select error_type, count(*)::int as count
          from log_events
          where ${filterCondition(sql, filter)} and error_type is not null
          group by error_type
          order by count(*) desc, error_type asc
          limit ${size}`;
        return rows.map((r): ErrorGroup => ({ type: r.error_type, count: r.count }));
      });
    },

    countGroups(filter, field, size) {
      return unavailableOnConnectionError(async () => {
        if (!field) {
          const [row] = await sql<{ n: number }[]>`
            select count(*)::int as n from log_events where ${filterCondition(sql, filter)}`;
          return [{ key: "", count: row?.n ?? 0 }];
        }
        const column = sql(groupColumn(field));
        const rows = await sql<{ key: string; count: number }[]>`
          select ${column} as key, count(*)::int as count
          from log_events
          where ${filterCondition(sql, filter)} and ${column} is not null
          group by 1
          order by 2 desc, 1 asc
          limit ${size}`;
        return rows.map((r): CountGroup => ({ key: String(r.key), count: r.count }));
      });
    },

    releaseSnapshot: () => Promise.resolve(),
    refresh: () => Promise.resolve(),
  };
}

async function search(sql: Sql, request: StoreSearchRequest): Promise<StoreSearchResult> {
  const where = filterCondition(sql, request.filter);
  const after = request.after ? afterCondition(sql, request.order, request.after) : sql`true`;
  const columns = sql(LOG_COLUMNS as unknown as string[]);
  const [rows, total] = await Promise.all([
    sql<LogRow[]>`
      select ${columns} from log_events
      where ${where} and ${after}
      ${orderBy(sql, request.order)}
      limit ${request.size + 1}`,
    request.totalBound > 0 ? countUpTo(sql, where, request.totalBound) : undefined,
  ]);
  const page = rows.slice(0, request.size).map(rowToEvent);
  const last = page[page.length - 1];
  return {
    events: page,
    total: total ?? { value: page.length, relation: rows.length > request.size ? "gte" : "eq" },
    ...(rows.length > request.size && last ? { next: positionOf(request.order, last) } : {}),
  };
}

async function countUpTo(sql: Sql, where: Fragment, bound: number): Promise<HitTotal> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from (select 1 from log_events where ${where} limit ${bound + 1}) t`;
  const n = row?.n ?? 0;
  return n > bound ? { value: bound, relation: "gte" } : { value: n, relation: "eq" };
}

function orderBy(sql: Sql, order: LogOrder): Fragment {
  switch (order) {
    case "newest":
      return sql`order by ts desc, event_id desc`;
    case "oldest":
      return sql`order by ts asc, event_id asc`;
    case "ingested":
      return sql`order by ingested asc, event_id asc`;
  }
}

/** Keyset condition: strictly after `[epochMillis, eventId]` in the order's direction. */
function afterCondition(sql: Sql, order: LogOrder, after: SortPosition): Fragment {
  const [ms, id] = after;
  if (typeof ms !== "number" || typeof id !== "string") {
    throw new AppError("LOG_CURSOR_INVALID", { detail: "the cursor does not fit this store" });
  }
  const at = new Date(ms);
  switch (order) {
    case "newest":
      return sql`(ts, event_id) < (${at}, ${id})`;
    case "oldest":
      return sql`(ts, event_id) > (${at}, ${id})`;
    case "ingested":
      return sql`(ingested, event_id) > (${at}, ${id})`;
  }
}

function positionOf(order: LogOrder, event: LogEvent): SortPosition {
  const clock = order === "ingested" ? event["event.ingested"] : event["@timestamp"];
  return [Date.parse(clock), event["event.id"]];
}

const GROUP_COLUMNS: Readonly<Record<CountGroupField, string>> = {
  "service.name": "service_name",
  "service.environment": "service_environment",
  "error.type": "error_type",
  "log.level": "level",
  "host.name": "host_name",
  "event.action": "event_action",
  "url.path": "url_path",
};

function groupColumn(field: CountGroupField): string {
  return GROUP_COLUMNS[field];
}

/** The insert found no partition for a day: one was dropped since it was ensured. */
function isMissingPartition(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === "23514" && /no partition of relation/.test(message ?? "");
}

/** Connection failures become the store's 503; query errors stay internal errors. */
async function unavailableOnConnectionError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionFailure(error)) {
      throw new AppError("LOG_STORE_UNAVAILABLE", { cause: error });
    }
    throw error;
  }
}
