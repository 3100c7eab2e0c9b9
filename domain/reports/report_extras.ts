/**
 * What a report adds to its rows from elsewhere: the compliance report the
 * chain verification, the latest checkpoint and the retention settings; the
 * GDPR report the processing register, the subject's log counts and its
 * copy; the security report the security log counts. A log store that does
 * not answer leaves its section empty (`null`) rather than failing the report.
 * @module
 */
import type { ChainHead } from "../audit/mod.ts";
import { LOG_CATEGORIES } from "../logs/mod.ts";
import type { ComplianceExtras, GdprExtras, SecurityExtras } from "./builders/mod.ts";
import type { RowScope } from "./ports.ts";
import type { ReportDeps } from "./report_deps.ts";
import type { ReportParameters } from "./report_types.ts";
import { describeSubjectCopy } from "./subject_copy.ts";

/** Audit events are kept in Postgres, all of it searchable at once. */
const SPEC_RETENTION_DAYS = { audit: 2557, app: 30, error: 90, security: 365 } as const;

export async function reportExtras(
  deps: ReportDeps,
  options: {
    readonly parameters: ReportParameters;
    readonly head: ChainHead;
    readonly scope: RowScope;
    readonly reportId: string;
  },
): Promise<ComplianceExtras | GdprExtras | SecurityExtras | undefined> {
  const { parameters, head } = options;
  const range = { from: new Date(parameters.from), to: new Date(parameters.to) };
  switch (parameters.type) {
    case "privacy":
      return undefined;
    case "security":
      return {
        securityLogs: deps.logs ? await orNull(deps, () => deps.logs!.securityCounts(range)) : null,
      };
    case "gdpr": {
      const subject = parameters.subject!;
      const counts = deps.logs
        ? await orNull(deps, () => deps.logs!.subjectCounts(subject, range))
        : null;
      const copy = await describeSubjectCopy(deps, options.scope, head.seq);
      const query = new URLSearchParams({
        subject,
        from: parameters.from,
        to: parameters.to,
        format: "ndjson",
        max_seq: String(head.seq),
      });
      return {
        register: deps.gdpr.register,
        logEvents: counts && counts.map((c) => ({
          ...c,
          retention_days: deps.logRetentionDays[c.category as keyof typeof deps.logRetentionDays] ??
            0,
        })),
        copy: {
          format: "ndjson",
          events: copy.events,
          sha256: copy.sha256,
          max_seq: head.seq,
          href: `${deps.apiBase}/audit/compliance/gdpr?${query}`,
        },
      };
    }
    case "compliance": {
      const verification = await deps.audit.verifier.verify();
      const [latest] = await deps.audit.checkpoints.list({ limit: 1 });
      const auditDays = deps.audit.limits.retentionDays;
      return {
        verification: {
          ok: verification.ok,
          events_checked: verification.events_checked,
          last_seq: verification.last_seq,
          break_count: verification.break_count,
          first_break: verification.first_break && { ...verification.first_break },
          checkpoints: {
            checked: verification.checkpoints.checked,
            matched: verification.checkpoints.matched,
          },
        },
        latestCheckpoint: latest
          ? {
            id: latest.id,
            head_seq: latest.head_seq,
            head_hash: latest.head_hash,
            signed_at: latest.signed_at,
            key_id: latest.key_id,
            jws: latest.jws,
          }
          : null,
        retention: [
          {
            category: "audit",
            retention_days: auditDays,
            immediately_available_days: auditDays,
            expected_days: SPEC_RETENTION_DAYS.audit,
          },
          ...LOG_CATEGORIES.map((category) => ({
            category: `logs:${category}`,
            retention_days: deps.logRetentionDays[category],
            immediately_available_days: deps.logRetentionDays[category],
            expected_days: SPEC_RETENTION_DAYS[category],
          })),
        ],
      };
    }
  }
}

async function orNull<T>(deps: ReportDeps, ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch (error) {
    deps.audit.reportError?.("log store counts for a report failed", error);
    return null;
  }
}
