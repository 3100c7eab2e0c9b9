/**
 * The security report: failed logins and denied requests by actor and IP
 * (the top offenders), permission changes, administrative actions outside
 * business hours (in the configured time zone), and — from the log store —
 * security-category log events by action and outcome.
 * @module
 */
import { actionMatcher } from "../action_patterns.ts";
import { parseBusinessHours, withinBusinessHours } from "../business_hours.ts";
import type { ReportRows } from "../report_rows.ts";
import type { BuildContext, ReportBuilder } from "./builder.ts";
import { rowRef } from "./builder.ts";
import {
  bump,
  type EventRef,
  isoOrNull,
  KEY_SEP,
  mergeTally,
  newestRefs,
  newTally,
  type Tally,
  tallyTotal,
  topEntries,
} from "./tally.ts";

export interface SecurityPartial {
  rows: number;
  failedLogins: Tally;
  denied: Tally;
  permissionChanges: Tally;
  permissionRecent: EventRef[];
  offHours: Tally;
  offHoursRecent: EventRef[];
  adminActions: number;
}

/** One offender: an actor from one address. */
export interface Offender {
  readonly actor: string;
  readonly ip: string | null;
  readonly count: number;
  readonly last_seen: string | null;
}

/** Counts of security log events per action and outcome. */
export interface LogActionCount {
  readonly action: string;
  readonly outcome: string;
  readonly count: number;
}

export interface SecurityData {
  readonly failed_logins: { readonly total: number; readonly top: readonly Offender[] };
  readonly denied_access: { readonly total: number; readonly top: readonly Offender[] };
  readonly permission_changes: {
    readonly total: number;
    readonly by_actor: readonly { actor: string; count: number }[];
    readonly latest: readonly EventRef[];
  };
  readonly off_hours_admin_actions: {
    readonly business_hours: string;
    readonly time_zone: string;
    readonly admin_actions: number;
    readonly total: number;
    readonly by_actor: readonly { actor: string; count: number; last_seen: string | null }[];
    readonly latest: readonly EventRef[];
  };
  /** `null` when the log store could not be asked. */
  readonly security_logs: {
    readonly total: number;
    readonly by_action_outcome: readonly LogActionCount[];
  } | null;
  readonly truncated: boolean;
}

export interface SecurityExtras {
  readonly securityLogs: readonly LogActionCount[] | null;
}

const NO_IP = "";
const RECENT = 50;

function isInvalidAttempt(actionType: string, outcome: string): boolean {
  return actionType === "login" && (outcome === "failure" || outcome === "denied");
}

const cache = new WeakMap<BuildContext["settings"], {
  admin: (action: string, actionType: string) => boolean;
  inHours: (ms: number) => boolean;
}>();

function compiled(context: BuildContext) {
  let found = cache.get(context.settings);
  if (!found) {
    const s = context.settings;
    const adminAction = actionMatcher(s.adminActions);
    const adminTypes = new Set(s.adminActionTypes);
    found = {
      admin: (action, actionType) => adminTypes.has(actionType) || adminAction(action),
      inHours: withinBusinessHours(parseBusinessHours(s.businessHours, s.timeZone)),
    };
    cache.set(context.settings, found);
  }
  return found;
}

export const securityBuilder: ReportBuilder<SecurityPartial, SecurityData, SecurityExtras> = {
  empty: () => ({
    rows: 0,
    failedLogins: newTally(),
    denied: newTally(),
    permissionChanges: newTally(),
    permissionRecent: [],
    offHours: newTally(),
    offHoursRecent: [],
    adminActions: 0,
  }),

  add(p, rows: ReportRows, context) {
    const max = context.settings.maxGroups;
    const { admin, inHours } = compiled(context);
    const n = rows.seq.length;
    const permissionRecent: EventRef[] = [];
    const offHoursRecent: EventRef[] = [];
    for (let i = 0; i < n; i++) {
      const actionType = rows.action_type[i]!;
      const outcome = rows.outcome[i]!;
      const at = rows.at[i]!;
      if (isInvalidAttempt(actionType, outcome)) {
        bump(p.failedLogins, rows.actor[i]! + KEY_SEP + (rows.ip[i] ?? NO_IP), at, max);
      } else if (outcome === "denied") {
        bump(p.denied, rows.actor[i]! + KEY_SEP + (rows.ip[i] ?? NO_IP), at, max);
      }
      if (actionType === "permission_change") {
        bump(p.permissionChanges, rows.actor[i]!, at, max);
        permissionRecent.push(rowRef(rows, i));
      }
      if (admin(rows.action[i]!, actionType)) {
        p.adminActions++;
        if (!inHours(at)) {
          bump(p.offHours, rows.actor[i]!, at, max);
          offHoursRecent.push(rowRef(rows, i));
        }
      }
    }
    p.rows += n;
    p.permissionRecent = newestRefs(p.permissionRecent, permissionRecent.slice(-RECENT), RECENT);
    p.offHoursRecent = newestRefs(p.offHoursRecent, offHoursRecent.slice(-RECENT), RECENT);
  },

  merge(into, from, context) {
    const max = context.settings.maxGroups;
    into.rows += from.rows;
    mergeTally(into.failedLogins, from.failedLogins, max);
    mergeTally(into.denied, from.denied, max);
    mergeTally(into.permissionChanges, from.permissionChanges, max);
    mergeTally(into.offHours, from.offHours, max);
    into.permissionRecent = newestRefs(into.permissionRecent, from.permissionRecent, RECENT);
    into.offHoursRecent = newestRefs(into.offHoursRecent, from.offHoursRecent, RECENT);
    into.adminActions += from.adminActions;
  },

  finish(p, context, extras) {
    const top = context.settings.topN;
    const offenders = (tally: Tally): Offender[] =>
      topEntries(tally, top).map(([key, entry]) => {
        const [actor, ip] = key.split(KEY_SEP) as [string, string | undefined];
        return {
          actor,
          ip: ip === undefined || ip === NO_IP ? null : ip,
          count: entry.n,
          last_seen: isoOrNull(entry.last),
        };
      });
    const logs = extras.securityLogs;
    return {
      failed_logins: { total: tallyTotal(p.failedLogins), top: offenders(p.failedLogins) },
      denied_access: { total: tallyTotal(p.denied), top: offenders(p.denied) },
      permission_changes: {
        total: tallyTotal(p.permissionChanges),
        by_actor: topEntries(p.permissionChanges, top).map(([actor, e]) => ({
          actor,
          count: e.n,
        })),
        latest: p.permissionRecent.slice(0, top),
      },
      off_hours_admin_actions: {
        business_hours: context.settings.businessHours,
        time_zone: context.settings.timeZone,
        admin_actions: p.adminActions,
        total: tallyTotal(p.offHours),
        by_actor: topEntries(p.offHours, top).map(([actor, e]) => ({
          actor,
          count: e.n,
          last_seen: isoOrNull(e.last),
        })),
        latest: p.offHoursRecent.slice(0, top),
      },
      security_logs: logs === null ? null : {
        total: logs.reduce((sum, l) => sum + l.count, 0),
        by_action_outcome: logs,
      },
      truncated: [p.failedLogins, p.denied, p.permissionChanges, p.offHours].some((t) =>
        t.truncated
      ),
    };
  },
};
