/**
 * The privacy report: access to personal data (events on the configured
 * personal-data resource types) by actor and stated purpose, exports by
 * actor with the rows they carried, unusual volumes — an actor's day whose
 * reads of personal data exceed `unusualFactor` times that actor's median
 * active day (UTC days) — and denied requests.
 * @module
 */
import type { ReportRows } from "../report_rows.ts";
import type { ReportBuilder } from "./builder.ts";
import {
  bump,
  isoOrNull,
  KEY_SEP,
  mergeTally,
  newTally,
  OTHER_KEY,
  type Tally,
  tallyTotal,
  topEntries,
} from "./tally.ts";

export interface PrivacyPartial {
  rows: number;
  access: Tally;
  exports: Tally;
  exportRows: Tally;
  dailyReads: Tally;
  denied: Tally;
}

export interface UnusualDay {
  readonly actor: string;
  readonly day: string;
  readonly reads: number;
  readonly median: number;
  readonly factor: number;
}

export interface PrivacyData {
  readonly personal_data_access: {
    readonly total: number;
    readonly by_actor_purpose: readonly { actor: string; purpose: string; count: number }[];
  };
  readonly exports: {
    readonly total: number;
    readonly rows: number;
    readonly by_actor: readonly { actor: string; exports: number; rows: number }[];
  };
  readonly unusual_volumes: {
    readonly factor: number;
    readonly minimum: number;
    readonly days: readonly UnusualDay[];
  };
  readonly denied: {
    readonly total: number;
    readonly by_actor_action: readonly {
      actor: string;
      action: string;
      count: number;
      last_seen: string | null;
    }[];
  };
  readonly truncated: boolean;
}

/** Purpose shown when an event states none. */
const NO_PURPOSE = "(unspecified)";
const DAY_MS = 86_400_000;

export const privacyBuilder: ReportBuilder<PrivacyPartial, PrivacyData, undefined> = {
  empty: () => ({
    rows: 0,
    access: newTally(),
    exports: newTally(),
    exportRows: newTally(),
    dailyReads: newTally(),
    denied: newTally(),
  }),

  add(p, rows: ReportRows, context) {
    const max = context.settings.maxGroups;
    const personal = new Set(context.settings.personalDataResourceTypes);
    const n = rows.seq.length;
    for (let i = 0; i < n; i++) {
      const actor = rows.actor[i]!;
      const at = rows.at[i]!;
      const outcome = rows.outcome[i]!;
      const actionType = rows.action_type[i]!;
      if (outcome === "denied") {
        bump(p.denied, actor + KEY_SEP + rows.action[i]!, at, max);
        continue;
      }
      if (actionType === "export") {
        bump(p.exports, actor, at, max);
        const count = rows.count[i];
        if (typeof count === "number" && count > 0) bump(p.exportRows, actor, at, max, count);
      }
      if (outcome !== "success" || !personal.has(rows.resource_type[i]!)) continue;
      bump(p.access, actor + KEY_SEP + (rows.purpose[i] ?? NO_PURPOSE), at, max);
      if (actionType === "read" || actionType === "export") {
        bump(p.dailyReads, actor + KEY_SEP + Math.floor(at / DAY_MS), at, max);
      }
    }
    p.rows += n;
  },

  merge(into, from, context) {
    const max = context.settings.maxGroups;
    into.rows += from.rows;
    mergeTally(into.access, from.access, max);
    mergeTally(into.exports, from.exports, max);
    mergeTally(into.exportRows, from.exportRows, max);
    mergeTally(into.dailyReads, from.dailyReads, max);
    mergeTally(into.denied, from.denied, max);
  },

  finish(p, context) {
    const { topN, unusualFactor, unusualMinimum } = context.settings;
    const split = (key: string) => key.split(KEY_SEP) as [string, string];
    return {
      personal_data_access: {
        total: tallyTotal(p.access),
        by_actor_purpose: topEntries(p.access, topN).map(([key, e]) => {
          const [actor, purpose] = key === OTHER_KEY ? [OTHER_KEY, NO_PURPOSE] : split(key);
          return { actor, purpose, count: e.n };
        }),
      },
      exports: {
        total: tallyTotal(p.exports),
        rows: tallyTotal(p.exportRows),
        by_actor: topEntries(p.exports, topN).map(([actor, e]) => ({
          actor,
          exports: e.n,
          rows: p.exportRows.entries.get(actor)?.n ?? 0,
        })),
      },
      unusual_volumes: {
        factor: unusualFactor,
        minimum: unusualMinimum,
        days: unusualDays(p.dailyReads, unusualFactor, unusualMinimum).slice(0, topN),
      },
      denied: {
        total: tallyTotal(p.denied),
        by_actor_action: topEntries(p.denied, topN).map(([key, e]) => {
          const [actor, action] = key === OTHER_KEY ? [OTHER_KEY, ""] : split(key);
          return { actor, action, count: e.n, last_seen: isoOrNull(e.last) };
        }),
      },
      truncated: [p.access, p.exports, p.dailyReads, p.denied].some((t) => t.truncated),
    };
  },
};

/** Days on which an actor read more than `factor` × their median active day. */
export function unusualDays(daily: Tally, factor: number, minimum: number): UnusualDay[] {
  const byActor = new Map<string, { day: number; reads: number }[]>();
  for (const [key, entry] of daily.entries) {
    if (key === OTHER_KEY) continue;
    const [actor, day] = key.split(KEY_SEP) as [string, string];
    const days = byActor.get(actor) ?? [];
    days.push({ day: Number(day), reads: entry.n });
    byActor.set(actor, days);
  }
  const found: UnusualDay[] = [];
  for (const [actor, days] of byActor) {
    const median = medianOf(days.map((d) => d.reads));
    for (const { day, reads } of days) {
      if (reads >= minimum && reads > factor * median) {
        found.push({
          actor,
          day: new Date(day * DAY_MS).toISOString().slice(0, 10),
          reads,
          median,
          factor: Math.round((reads / median) * 10) / 10,
        });
      }
    }
  }
  return found.sort((a, b) =>
    b.factor - a.factor || b.reads - a.reads || (a.actor < b.actor ? -1 : 1)
  );
}

/** The median of `values` (not empty). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
