/**
 * The compliance report: audit coverage against PCI DSS v4.0 10.2.1.1–
 * 10.2.1.7 (per requirement present or absent, how many events, the last
 * one), the chain verification result and the latest signed checkpoint, and
 * the retention of each category against PCI DSS 10.5.1 (twelve months kept,
 * the last three immediately available) and SPEC S5.1.
 * @module
 */
import { PCI_REQUIREMENTS, pciClassifier } from "../pci_requirements.ts";
import type { ReportRows } from "../report_rows.ts";
import type { BuildContext, ReportBuilder } from "./builder.ts";
import { bump, isoOrNull, mergeTally, newTally, type Tally, topEntries } from "./tally.ts";

export interface CompliancePartial {
  rows: number;
  counts: number[];
  last: number[];
  /** Per requirement, the actions that counted for it. */
  actions: Tally[];
  outcomes: Record<string, number>;
}

export interface RequirementCoverage {
  readonly id: string;
  readonly title: string;
  readonly present: boolean;
  readonly count: number;
  readonly last_seen: string | null;
  readonly top_actions: readonly { action: string; count: number }[];
}

/** What the chain verification found (the whole chain, at generation time). */
export interface VerificationSummary {
  readonly ok: boolean;
  readonly events_checked: number;
  readonly last_seq: number;
  readonly break_count: number;
  readonly first_break: { seq: number; kind: string; detail: string } | null;
  readonly checkpoints: { checked: number; matched: number };
}

export interface CheckpointSummary {
  readonly id: number;
  readonly head_seq: number;
  readonly head_hash: string;
  readonly signed_at: string;
  readonly key_id: string;
  readonly jws: string;
}

/** One category's retention, judged. */
export interface RetentionCheck {
  readonly category: string;
  readonly retention_days: number;
  /** Days of it kept online, searchable at once. */
  readonly immediately_available_days: number;
  /** SPEC S5.1's term for the category. */
  readonly expected_days: number;
  readonly meets_pci_10_5_1: boolean;
  readonly meets_spec: boolean;
}

export interface ComplianceData {
  readonly requirements: readonly RequirementCoverage[];
  readonly coverage: { readonly present: number; readonly of: number };
  readonly events_by_outcome: Readonly<Record<string, number>>;
  readonly verification: VerificationSummary | null;
  readonly latest_checkpoint: CheckpointSummary | null;
  readonly retention: readonly RetentionCheck[];
}

export interface ComplianceExtras {
  readonly verification: VerificationSummary | null;
  readonly latestCheckpoint: CheckpointSummary | null;
  readonly retention: readonly Omit<RetentionCheck, "meets_pci_10_5_1" | "meets_spec">[];
}

/** PCI DSS 10.5.1: at least twelve months kept, the last three immediately available. */
const PCI_KEEP_DAYS = 365;
const PCI_AVAILABLE_DAYS = 90;

const classifiers = new WeakMap<BuildContext["settings"], ReturnType<typeof pciClassifier>>();

export const complianceBuilder: ReportBuilder<
  CompliancePartial,
  ComplianceData,
  ComplianceExtras
> = {
  empty: () => ({
    rows: 0,
    counts: PCI_REQUIREMENTS.map(() => 0),
    last: PCI_REQUIREMENTS.map(() => 0),
    actions: PCI_REQUIREMENTS.map(() => newTally()),
    outcomes: {},
  }),

  add(p, rows: ReportRows, context) {
    let classify = classifiers.get(context.settings);
    if (!classify) {
      classify = pciClassifier(context.settings.pciMapping);
      classifiers.set(context.settings, classify);
    }
    const max = context.settings.maxGroups;
    const n = rows.seq.length;
    for (let i = 0; i < n; i++) {
      const outcome = rows.outcome[i]!;
      p.outcomes[outcome] = (p.outcomes[outcome] ?? 0) + 1;
      const hits = classify(rows.action[i]!, rows.action_type[i]!, rows.resource_type[i]!, outcome);
      if (hits.length === 0) continue;
      const at = rows.at[i]!;
      for (const r of hits) {
        p.counts[r]!++;
        if (at > p.last[r]!) p.last[r] = at;
        bump(p.actions[r]!, rows.action[i]!, at, max);
      }
    }
    p.rows += n;
  },

  merge(into, from, context) {
    into.rows += from.rows;
    for (let r = 0; r < PCI_REQUIREMENTS.length; r++) {
      into.counts[r]! += from.counts[r]!;
      into.last[r] = Math.max(into.last[r]!, from.last[r]!);
      mergeTally(into.actions[r]!, from.actions[r]!, context.settings.maxGroups);
    }
    for (const [outcome, n] of Object.entries(from.outcomes)) {
      into.outcomes[outcome] = (into.outcomes[outcome] ?? 0) + n;
    }
  },

  finish(p, context, extras) {
    const requirements = PCI_REQUIREMENTS.map((req, r) => ({
      id: req.id,
      title: req.title,
      present: p.counts[r]! > 0,
      count: p.counts[r]!,
      last_seen: isoOrNull(p.last[r]!),
      top_actions: topEntries(p.actions[r]!, Math.min(5, context.settings.topN)).map((
        [action, e],
      ) => ({ action, count: e.n })),
    }));
    return {
      requirements,
      coverage: { present: requirements.filter((r) => r.present).length, of: requirements.length },
      events_by_outcome: Object.fromEntries(Object.entries(p.outcomes).sort()),
      verification: extras.verification,
      latest_checkpoint: extras.latestCheckpoint,
      retention: extras.retention.map((r) => ({
        ...r,
        meets_pci_10_5_1: r.retention_days >= PCI_KEEP_DAYS &&
          r.immediately_available_days >= PCI_AVAILABLE_DAYS,
        meets_spec: r.retention_days >= r.expected_days,
      })),
    };
  },
};
