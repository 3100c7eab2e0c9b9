/**
 * Retention of SPEC S5.1 as lifecycle policies: ILM on Elasticsearch, ISM
 * on OpenSearch. Both are written from one table of phases, and each body is
 * typed by its own client's request types.
 * @module
 */
import type { estypes } from "@elastic/elasticsearch";
import type { Policy as IsmPolicy } from "@opensearch-project/opensearch/api/_types/ism._common.js";
import { LOG_CATEGORIES, LOG_RETENTION_DAYS } from "../../../domain/logs/mod.ts";

/** The streams with a lifecycle: the log categories and the audit mirror. */
export const LIFECYCLE_STREAMS = [...LOG_CATEGORIES, "audit"] as const;
export type LifecycleStream = (typeof LIFECYCLE_STREAMS)[number];

interface Retention {
  readonly description: string;
  /** Days after rollover (ILM) or creation (ISM) to enter each phase. */
  readonly warmDays?: number;
  readonly coldDays?: number;
  readonly deleteDays: number;
}

/**
 * The retention table: the log categories keep their events as long as
 * `LOG_RETENTION_DAYS` says (the Postgres store honours the same table);
 * the audit mirror 7 years.
 */
export const RETENTION: Readonly<Record<LifecycleStream, Retention>> = {
  app: {
    description: `Application logs: hot, deleted after ${LOG_RETENTION_DAYS.app} days`,
    deleteDays: LOG_RETENTION_DAYS.app,
  },
  error: {
    description:
      `Error logs: hot, warm after 7 days, deleted after ${LOG_RETENTION_DAYS.error} days`,
    warmDays: 7,
    deleteDays: LOG_RETENTION_DAYS.error,
  },
  security: {
    description:
      `Security logs: hot, cold after 30 days, deleted after ${LOG_RETENTION_DAYS.security} days`,
    coldDays: 30,
    deleteDays: LOG_RETENTION_DAYS.security,
  },
  audit: {
    description:
      "Audit mirror: hot, warm after 30 days, cold after 180 days, deleted after 7 years",
    warmDays: 30,
    coldDays: 180,
    deleteDays: 2555,
  },
};

/** Backing indices roll over daily or at 50 GB per primary shard, whichever is first. */
const ROLLOVER_AGE = "1d";
const ROLLOVER_SIZE = "50gb";

/** Policy (and ISM policy id) name of a stream. */
export function lifecyclePolicyName(stream: LifecycleStream): string {
  return `logaudit-logs-${stream}`;
}

/** The ILM policy of a stream (Elasticsearch). */
export function ilmPolicy(stream: LifecycleStream): estypes.IlmPolicy {
  const r = RETENTION[stream];
  return {
    _meta: { managed_by: "logging-audit-service", description: r.description },
    phases: {
      hot: {
        min_age: "0ms",
        actions: {
          rollover: { max_age: ROLLOVER_AGE, max_primary_shard_size: ROLLOVER_SIZE },
          set_priority: { priority: 100 },
        },
      },
      ...(r.warmDays !== undefined
        ? {
          warm: {
            min_age: `${r.warmDays}d`,
            actions: {
              set_priority: { priority: 50 },
              forcemerge: { max_num_segments: 1 },
              readonly: {},
            },
          },
        }
        : {}),
      ...(r.coldDays !== undefined
        ? {
          cold: {
            min_age: `${r.coldDays}d`,
            actions: { set_priority: { priority: 0 }, readonly: {} },
          },
        }
        : {}),
      delete: { min_age: `${r.deleteDays}d`, actions: { delete: {} } },
    },
  };
}

/**
 * The ISM policy of a stream (OpenSearch). It attaches itself to the data
 * stream's backing indices (`.ds-logs-<stream>-*`) through `ism_template`,
 * since ISM matches index names, not data stream names.
 */
export function ismPolicy(stream: LifecycleStream): IsmPolicy {
  const r = RETENTION[stream];
  const phases: {
    name: string;
    days: number;
    actions: NonNullable<IsmPolicy["states"]>[number]["actions"];
  }[] = [
    {
      name: "hot",
      days: 0,
      actions: [{
        rollover: { min_index_age: ROLLOVER_AGE, min_primary_shard_size: ROLLOVER_SIZE },
      }],
    },
  ];
  if (r.warmDays !== undefined) {
    phases.push({
      name: "warm",
      days: r.warmDays,
      actions: [{ force_merge: { max_num_segments: 1 } }, { read_only: {} }],
    });
  }
  if (r.coldDays !== undefined) {
    phases.push({ name: "cold", days: r.coldDays, actions: [{ read_only: {} }] });
  }
  phases.push({ name: "delete", days: r.deleteDays, actions: [{ delete: {} }] });
  return {
    description: r.description,
    default_state: "hot",
    states: phases.map((phase, i) => {
      const next = phases[i + 1];
      return {
        name: phase.name,
        actions: phase.actions,
        transitions: next
          ? [{ state_name: next.name, conditions: { min_index_age: `${next.days}d` } }]
          : [],
      };
    }),
    ism_template: [{ index_patterns: [`.ds-logs-${stream}-*`], priority: 100 }],
  };
}
