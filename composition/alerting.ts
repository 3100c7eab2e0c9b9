/**
 * Builds alerting from configuration for the composition root: the Postgres
 * stores, the channels, the routing table, the use cases' dependencies, the
 * outbox drain and the rule evaluator as upkeep jobs, and the service's own
 * critical alerts (with the breaker seam).
 * @module
 */
import {
  type AlertAuditChange,
  type AlertDeps,
  type BreakerWatch,
  type ChannelName,
  clearCriticalError,
  createBreakerWatch,
  type CriticalError,
  type CriticalErrorDeps,
  type CriticalErrorKind,
  DEFAULT_ROUTES,
  DEFAULT_RULE_LIMITS,
  drainOutbox,
  evaluateDueRules,
  type EvaluatorDeps,
  handleCriticalError,
  type LeaderLock,
  type RuleDeps,
} from "../domain/alerts/mod.ts";
import {
  type AuditDeps,
  type AuditEventDraft,
  DEFAULT_TENANT,
  type JsonObject,
} from "../domain/audit/mod.ts";
import type { LogStore } from "../domain/logs/mod.ts";
import type { Masker } from "../domain/masking/mod.ts";
import { type Channels, channelsFromConfig } from "../infra/alerts/mod.ts";
import { parseAlertRoutes } from "../infra/config/alert_routes.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import type { Metrics } from "../infra/metrics/mod.ts";
import {
  cachedActiveSilences,
  createAdvisoryLeaderLock,
  createPostgresAlertStore,
  createPostgresOutbox,
  createPostgresRuleStore,
  createPostgresSilenceStore,
  soleInstanceLock,
} from "../infra/postgres/alerts/mod.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { newEventId } from "./audit_trail.ts";
import type { MaintenanceJob } from "./maintenance.ts";

/** What {@linkcode buildAlerting} needs besides configuration. */
export interface AlertingOptions {
  readonly sql: Sql;
  /** The log store rules count in; without it no rule is evaluated. */
  readonly logStore?: Pick<LogStore, "countGroups" | "search">;
  /** The audit trail every state change is written to. */
  readonly audit?: AuditDeps;
  readonly masker: Pick<Masker, "maskText" | "maskValue">;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** True on the embedded database (one instance): no advisory lock is needed. */
  readonly soleInstance: boolean;
  /** Channels of the caller's instead of the configured ones (tests). */
  readonly channels?: Channels;
  readonly now?: () => Date;
}

/** Alerting, ready to serve and to run its upkeep. */
export interface AlertingRuntime {
  readonly deps: AlertDeps;
  readonly rules: RuleDeps;
  readonly channels: ReadonlySet<ChannelName>;
  /** `handle_critical_error`, fire and forget (a failure is logged): for the service's own failures. */
  critical(error: CriticalError): void;
  /** Resolves the alert of a failure that cleared (fire and forget). */
  cleared(kind: CriticalErrorKind, subject: string): void;
  /** Report breaker state changes here (see README: the breaker seam). */
  readonly breakers: BreakerWatch;
  readonly maintenance: readonly MaintenanceJob[];
  /** The outbox drain and rule evaluation, once (tests and tools). */
  drainOnce(): Promise<number>;
  evaluateOnce(): Promise<{ leader: boolean; evaluated: number }>;
  close(): Promise<void>;
}

const ACTION_TYPES: Readonly<Record<string, AuditEventDraft["action_type"]>> = {
  created: "create",
  reopened: "create",
  deleted: "delete",
};

/** An alerting change as an audit event of the trail. */
export function alertAuditDraft(change: AlertAuditChange, now: Date): AuditEventDraft {
  const verb = change.action.split(".").pop() ?? "";
  return {
    id: newEventId(),
    occurred_at: now.toISOString(),
    tenant_id: DEFAULT_TENANT,
    recorded_by: "system",
    actor: { id: change.actor.id, type: change.actor.type, ip: null, user_agent: null },
    action: change.action,
    action_type: ACTION_TYPES[verb] ?? "update",
    resource: { type: change.resource.type, id: change.resource.id },
    outcome: "success",
    reason: null,
    request_id: change.requestId ?? null,
    trace_id: null,
    changes: null,
    metadata: JSON.parse(JSON.stringify(change.metadata)) as JsonObject,
  };
}

export function buildAlerting(config: Config, options: AlertingOptions): AlertingRuntime {
  const now = options.now ?? (() => new Date());
  const { logger, metrics } = options;
  const channels = options.channels ?? channelsFromConfig(config);
  const configured = new Set(channels.senders.keys());
  const routes = config.ALERT_ROUTES
    ? parseAlertRoutes(config.ALERT_ROUTES, routeEnv(config)).routes
    : DEFAULT_ROUTES;
  const audit = options.audit;
  const deps: AlertDeps = {
    store: createPostgresAlertStore(options.sql),
    silences: cachedActiveSilences(createPostgresSilenceStore(options.sql), 1_000),
    routes,
    configuredChannels: configured,
    audit: async (change) => {
      if (!audit) return;
      const draft = alertAuditDraft(change, now());
      const masked = audit.maskAuditPayload({ changes: null, metadata: draft.metadata });
      const [outcome] = await audit.store.append([{ ...draft, metadata: masked.metadata }]);
      if (outcome?.status !== "created") throw new Error("the audit event was not stored");
    },
    mask: {
      text: (text) => options.masker.maskText(text),
      value: (value) => options.masker.maskValue(value),
    },
    metrics: metrics.alerting,
    now,
    newId: newEventId,
    reportError: (message, error) => logger.error(message, { error }),
  };
  const criticalDeps: CriticalErrorDeps = { alerts: deps, source: config.SERVICE_NAME };
  // One raise per failure and subject per few seconds: a failing request path must not
  // turn into a write per request.
  const lastRaised = new Map<string, number>();
  const critical = (error: CriticalError) => {
    const key = `${error.kind}/${error.subject}`;
    const t = now().getTime();
    if (t - (lastRaised.get(key) ?? -Infinity) < 5_000) return;
    lastRaised.set(key, t);
    logger.error(`critical: ${error.kind}`, {
      "error.subject": error.subject,
      "error.message": error.message,
    });
    handleCriticalError(criticalDeps, error).catch((failure) =>
      logger.error("the critical alert could not be raised", {
        error: failure,
        "alert.kind": error.kind,
      })
    );
  };
  const cleared = (kind: CriticalErrorKind, subject: string) => {
    lastRaised.delete(`${kind}/${subject}`);
    clearCriticalError(criticalDeps, kind, subject).catch((failure) =>
      logger.error("the critical alert could not be resolved", {
        error: failure,
        "alert.kind": kind,
      })
    );
  };
  const breakers = createBreakerWatch({ ...criticalDeps, now }, {
    openAlertAfterMs: config.ALERT_BREAKER_OPEN_SECONDS * 1000,
  });

  const ruleDeps: RuleDeps = {
    rules: createPostgresRuleStore(options.sql),
    limits: {
      ...DEFAULT_RULE_LIMITS,
      maxWindowMs: config.ALERT_RULE_MAX_WINDOW_MS,
      minIntervalMs: config.ALERT_RULE_MIN_INTERVAL_MS,
      maxGroups: config.ALERT_RULE_MAX_GROUPS,
      sampleLines: config.ALERT_RULE_SAMPLE_LINES,
    },
    alerts: deps,
  };
  const lock: LeaderLock = options.soleInstance
    ? soleInstanceLock
    : createAdvisoryLeaderLock(options.sql);
  const evaluator: EvaluatorDeps | undefined = options.logStore
    ? {
      rules: ruleDeps.rules,
      logs: options.logStore,
      alerts: deps,
      lock,
      limits: ruleDeps.limits,
      timeoutMs: config.ALERT_RULE_TIMEOUT_MS,
      concurrency: config.ALERT_RULE_CONCURRENCY,
      metrics: metrics.alerting,
      now,
    }
    : undefined;
  const outbox = createPostgresOutbox(options.sql);
  const drainOnce = async () => {
    const handled = await drainOutbox({
      outbox,
      channels: channels.senders,
      metrics: metrics.alerting,
      now,
      leaseMs: config.ALERT_OUTBOX_LEASE_MS,
      batch: 50,
    });
    metrics.alerting.openAlerts(await deps.store.countOpen());
    return handled;
  };
  const evaluateOnce = () =>
    evaluator ? evaluateDueRules(evaluator) : Promise.resolve({ leader: false, evaluated: 0 });

  const maintenance: MaintenanceJob[] = [
    { name: "alert outbox delivery", everyMs: config.ALERT_OUTBOX_POLL_MS, run: drainOnce },
    { name: "circuit breaker alerts", everyMs: 5_000, run: () => breakers.check() },
  ];
  if (evaluator && config.ALERT_RULES_ENABLED) {
    maintenance.push({
      name: "alert rule evaluation",
      everyMs: config.ALERT_RULES_TICK_MS,
      run: evaluateOnce,
    });
  }
  logger.info("alerting ready", {
    "alert.channels": [...configured],
    "alert.routes": routes.length,
    "alert.rules": evaluator && config.ALERT_RULES_ENABLED ? "on" : "off",
  });
  return {
    deps,
    rules: ruleDeps,
    channels: configured,
    critical,
    cleared,
    breakers,
    maintenance,
    drainOnce,
    evaluateOnce,
    async close() {
      await lock.release();
      channels.close();
    },
  };
}

/** The settings the routing table's channel check reads. */
function routeEnv(config: Config): Record<string, string | undefined> {
  return {
    ALERT_SLACK_WEBHOOK_URL: config.ALERT_SLACK_WEBHOOK_URL,
    ALERT_EMAIL_SMTP_HOST: config.ALERT_EMAIL_SMTP_HOST,
    ALERT_PAGERDUTY_ROUTING_KEY: config.ALERT_PAGERDUTY_ROUTING_KEY,
    ALERT_WEBHOOK_URL: config.ALERT_WEBHOOK_URL,
    ALERT_ALERTMANAGER_URL: config.ALERT_ALERTMANAGER_URL,
  };
}
