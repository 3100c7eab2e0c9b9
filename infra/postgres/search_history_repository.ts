import type {
  NormalizedSearch,
  SearchHistoryEntry,
  SearchHistoryRepository,
} from "../../domain/logs/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import { nativeSha256Hex } from "../crypto/native_sha256.ts";
import type { Sql } from "./client.ts";

interface Row {
  readonly id: string;
  readonly query: NormalizedSearch;
  readonly saved: boolean;
  readonly name: string | null;
  readonly run_count: number;
  readonly first_run_at: Date;
  readonly last_run_at: Date;
}

/**
 * `search_history` (SPEC S5.3; the plan's SearchHistoryRepository with
 * `find_saved_searches` and `find_frequent_searches`). One row per user and
 * normalized search, found by the SHA-256 of the search's canonical text.
 */
export function createSearchHistoryRepository(sql: Sql): SearchHistoryRepository {
  const toEntry = (row: Row): SearchHistoryEntry => ({
    id: row.id,
    query: row.query,
    saved: row.saved,
    name: row.name,
    runCount: row.run_count,
    firstRunAt: row.first_run_at,
    lastRunAt: row.last_run_at,
  });

  return {
    async recordRun(userId, query, key) {
      await sql`
        insert into search_history (id, user_id, query, query_hash)
        values (
          ${crypto.randomUUID()}, ${userId}, ${sql.json(query as never)}, ${nativeSha256Hex(key)}
        )
        on conflict (user_id, query_hash) do update
          set run_count = search_history.run_count + 1, last_run_at = now()`;
    },

    async save(userId, name, query, key) {
      try {
        const [row] = await sql<Row[]>`
          insert into search_history (id, user_id, query, query_hash, saved, name, run_count)
          values (
            ${crypto.randomUUID()}, ${userId}, ${sql.json(query as never)}, ${nativeSha256Hex(key)},
            true, ${name}, 1
          )
          on conflict (user_id, query_hash) do update set saved = true, name = excluded.name
          returning id, query, saved, name, run_count, first_run_at, last_run_at`;
        return toEntry(row!);
      } catch (error) {
        if ((error as { code?: string }).code === "23505") {
          throw new AppError("CONFLICT", { detail: `a saved search named "${name}" exists` });
        }
        throw error;
      }
    },

    async findSaved(userId) {
      const rows = await sql<Row[]>`
        select id, query, saved, name, run_count, first_run_at, last_run_at
        from search_history
        where user_id = ${userId} and saved
        order by name, id`;
      return rows.map(toEntry);
    },

    async findFrequent(userId, limit) {
      const rows = await sql<Row[]>`
        select id, query, saved, name, run_count, first_run_at, last_run_at
        from search_history
        where user_id = ${userId}
        order by run_count desc, last_run_at desc, id
        limit ${limit}`;
      return rows.map(toEntry);
    },

    async unsave(userId, id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      const rows = await sql`
        update search_history set saved = false, name = null
        where id = ${id} and user_id = ${userId} and saved
        returning id`;
      return rows.length > 0;
    },
  };
}
