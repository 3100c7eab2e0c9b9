/**
 * The GDPR Art. 15 subject access report: every audit event by or about the
 * subject (as actor, as a `user` resource, or named in the metadata at the
 * configured paths), counted by action and resource type; who read, exported
 * or changed the subject's data (the recipients of Art. 15(1)(c)); the
 * purposes, categories, retention and source of the processing (Art.
 * 15(1)(a), (b), (d), (g)) from the processing register; the subject's log
 * events per service and category with each one's retention; and the Art.
 * 15(3) copy, described here and served as NDJSON.
 * @module
 */
import type { ProcessingActivity, ProcessingRegister } from "../processing_register.ts";
import type { ReportRows } from "../report_rows.ts";
import type { ReportBuilder } from "./builder.ts";
import { bump, isoOrNull, mergeTally, newTally, type Tally, topEntries } from "./tally.ts";

/** Action types by which someone reads, exports or changes data. */
const RECIPIENT_ACTION_TYPES = ["read", "export", "create", "update", "delete"] as const;

export interface GdprPartial {
  rows: number;
  asActor: number;
  asResource: number;
  namedInMetadata: number;
  byAction: Tally;
  byResourceType: Tally;
  /** Per recipient: `actor_type`, and counts per action type. */
  recipients: Map<
    string,
    { type: string; counts: Record<string, number>; first: number; last: number }
  >;
  recipientsTruncated: boolean;
  first: number;
  last: number;
}

export interface Recipient {
  readonly actor: string;
  readonly actor_type: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly first_seen: string | null;
  readonly last_seen: string | null;
}

/** The subject's log events of one service and category. */
export interface SubjectLogCount {
  readonly service: string;
  readonly category: string;
  readonly count: number;
  readonly retention_days: number;
}

/** The Art. 15(3) copy: how to get it and how to check it. */
export interface SubjectCopy {
  readonly format: "ndjson";
  readonly events: number;
  readonly sha256: string;
  /** The copy holds events up to this seq (the report's chain head). */
  readonly max_seq: number;
  readonly href: string;
}

export interface GdprData {
  readonly subject: string;
  readonly events: {
    readonly total: number;
    readonly as_actor: number;
    readonly as_resource: number;
    readonly named_in_metadata: number;
    readonly first_seen: string | null;
    readonly last_seen: string | null;
    readonly by_action: readonly { action: string; count: number }[];
    readonly by_resource_type: readonly { resource_type: string; count: number }[];
  };
  readonly recipients: readonly Recipient[];
  readonly processing: {
    readonly controller: ProcessingRegister["controller"];
    readonly activities: readonly (ProcessingActivity & { readonly observed: boolean })[];
  } | null;
  /** `null` when the log store could not be asked. */
  readonly log_events: readonly SubjectLogCount[] | null;
  readonly copy: SubjectCopy;
  readonly truncated: boolean;
}

export interface GdprExtras {
  readonly register: ProcessingRegister | null;
  readonly logEvents: readonly SubjectLogCount[] | null;
  readonly copy: SubjectCopy;
}

const RECIPIENT_TYPES = new Set<string>(RECIPIENT_ACTION_TYPES);

export const gdprBuilder: ReportBuilder<GdprPartial, GdprData, GdprExtras> = {
  empty: () => ({
    rows: 0,
    asActor: 0,
    asResource: 0,
    namedInMetadata: 0,
    byAction: newTally(),
    byResourceType: newTally(),
    recipients: new Map(),
    recipientsTruncated: false,
    first: 0,
    last: 0,
  }),

  add(p, rows: ReportRows, context) {
    const subject = context.subject ?? "";
    const max = context.settings.maxGroups;
    const n = rows.seq.length;
    for (let i = 0; i < n; i++) {
      const actor = rows.actor[i]!;
      const at = rows.at[i]!;
      const byActor = actor === subject;
      const asResource = rows.resource_type[i] === "user" && rows.resource_id[i] === subject;
      const named = rows.named[i] === true;
      if (!byActor && !asResource && !named) continue; // the source matched more loosely
      p.rows++;
      if (byActor) p.asActor++;
      if (asResource) p.asResource++;
      if (named) p.namedInMetadata++;
      if (p.first === 0 || at < p.first) p.first = at;
      if (at > p.last) p.last = at;
      bump(p.byAction, rows.action[i]!, at, max);
      bump(p.byResourceType, rows.resource_type[i]!, at, max);
      const actionType = rows.action_type[i]!;
      if (byActor || !(asResource || named) || !RECIPIENT_TYPES.has(actionType)) continue;
      if (rows.outcome[i] !== "success") continue;
      addRecipient(p, actor, rows.actor_type[i]!, { [actionType]: 1 }, at, at, max);
    }
  },

  merge(into, from, context) {
    const max = context.settings.maxGroups;
    into.rows += from.rows;
    into.asActor += from.asActor;
    into.asResource += from.asResource;
    into.namedInMetadata += from.namedInMetadata;
    if (from.first > 0 && (into.first === 0 || from.first < into.first)) into.first = from.first;
    into.last = Math.max(into.last, from.last);
    mergeTally(into.byAction, from.byAction, max);
    mergeTally(into.byResourceType, from.byResourceType, max);
    if (from.recipientsTruncated) into.recipientsTruncated = true;
    for (const [actor, r] of from.recipients) {
      addRecipient(into, actor, r.type, r.counts, r.first, r.last, max);
    }
  },

  finish(p, context, extras) {
    const seenTypes = new Set(p.byResourceType.entries.keys());
    const count = (tally: Tally) => topEntries(tally, Number.MAX_SAFE_INTEGER);
    return {
      subject: context.subject ?? "",
      events: {
        total: p.rows,
        as_actor: p.asActor,
        as_resource: p.asResource,
        named_in_metadata: p.namedInMetadata,
        first_seen: isoOrNull(p.first),
        last_seen: isoOrNull(p.last),
        by_action: count(p.byAction).map(([action, e]) => ({ action, count: e.n })),
        by_resource_type: count(p.byResourceType).map(([resource_type, e]) => ({
          resource_type,
          count: e.n,
        })),
      },
      recipients: [...p.recipients].map(([actor, r]) => ({
        actor,
        actor_type: r.type,
        counts: Object.fromEntries(Object.entries(r.counts).sort()),
        first_seen: isoOrNull(r.first),
        last_seen: isoOrNull(r.last),
      })).sort((a, b) => (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0)),
      processing: extras.register && {
        controller: extras.register.controller,
        activities: extras.register.activities.map((activity) => ({
          ...activity,
          observed: activity.resource_types.some((t) => seenTypes.has(t)),
        })),
      },
      log_events: extras.logEvents,
      copy: extras.copy,
      truncated: p.recipientsTruncated || p.byAction.truncated || p.byResourceType.truncated,
    };
  },
};

function addRecipient(
  p: GdprPartial,
  actor: string,
  type: string,
  counts: Record<string, number>,
  first: number,
  last: number,
  max: number,
): void {
  let recipient = p.recipients.get(actor);
  if (!recipient) {
    if (p.recipients.size >= max) {
      p.recipientsTruncated = true;
      return;
    }
    recipient = { type, counts: {}, first, last };
    p.recipients.set(actor, recipient);
  }
  for (const [actionType, n] of Object.entries(counts)) {
    recipient.counts[actionType] = (recipient.counts[actionType] ?? 0) + n;
  }
  recipient.first = Math.min(recipient.first, first);
  recipient.last = Math.max(recipient.last, last);
}
