import { z } from "@hono/zod-openapi";
import {
  ALERT_ID,
  ALERT_LIMITS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  CHANNEL_NAMES,
  CONDITION_OPS,
  MAX_SILENCE_MS,
  NOTIFICATION_ACTIONS,
  RULE_DURATION,
  RULE_GROUP_FIELDS,
  RULE_STATES,
} from "../../domain/alerts/mod.ts";
import { LOG_CATEGORIES, LOG_LEVELS } from "../../domain/logs/mod.ts";
import { jsonValueSchema, SafeNumberSchema } from "../app/json_value_schema.ts";
import { QueryTextSchema, ServiceNameSchema } from "../logs/schemas.ts";

const L = ALERT_LIMITS;
const Severity = z.enum(ALERT_SEVERITIES).openapi({ example: "critical" });

/** Alert, silence and rule ids: anything but a UUID is refused before a store is asked. */
const AlertIdSchema = z.string().regex(ALERT_ID).openapi({
  format: "uuid",
  example: "01936f6e-5b1a-7c3e-9d2f-4a5b6c7d8e9f",
});

/** A rule duration; the configured bounds are checked by the rule (ALERT_RULE_WINDOW_TOO_WIDE). */
const Duration = z.string().regex(
  RULE_DURATION,
  "a duration such as 30s, 5m or 1h, of a day at most",
);
const durationBounds = "at most ALERT_RULE_MAX_WINDOW_MS (one day at most)";

const LABEL_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Labels; `minCount` 1 where an empty set would mean "everything". */
function labelsSchema(minCount: 0 | 1) {
  return z.record(
    z.string().min(1).max(L.labelKeyMax).regex(LABEL_KEY),
    z.string().max(L.labelValueMax),
  ).refine((labels) => {
    const count = Object.keys(labels).length;
    return count >= minCount && count <= L.labelCount;
  }, { message: `${minCount} to ${L.labelCount} labels` }).openapi(
    // OpenAPI 3.1 (JSON Schema) has `propertyNames`; the 3.0 types this is typed by do not.
    {
      ...(minCount ? { minProperties: minCount } : {}),
      maxProperties: L.labelCount,
      propertyNames: { minLength: 1, maxLength: L.labelKeyMax, pattern: LABEL_KEY.source },
    } as { maxProperties: number },
  );
}

export const LabelsSchema = labelsSchema(0).openapi("AlertLabels", {
  example: { team: "payments", env: "prod" },
});

/** Free-form context: I-JSON values, bounded in depth and in serialized size. */
const Details = z.record(z.string(), jsonValueSchema(L.detailsDepth - 1)).refine(
  (d) => new TextEncoder().encode(JSON.stringify(d)).length <= L.detailsBytes,
  { message: `at most ${L.detailsBytes} bytes of JSON` },
).openapi({
  description: `Free-form context: at most ${L.detailsDepth} levels of objects and arrays ` +
    `(this object included) and ${L.detailsBytes} bytes as JSON (UTF-8, no whitespace)`,
  example: { gateway: "adyen", timeouts: 12 },
});

export const ChannelNotificationSchema = z.object({
  status: z.enum(["pending", "sent", "failed", "skipped"]),
  attempts: z.number().int(),
  last_error: z.string().optional(),
  sent_at: z.string().optional(),
  action: z.enum(NOTIFICATION_ACTIONS).optional(),
}).openapi("AlertChannelNotification");

export const AlertSchema = z.object({
  id: z.string().openapi({ example: "01936f6e-5b1a-7c3e-9d2f-4a5b6c7d8e9f" }),
  fingerprint: z.string().openapi({ example: "checkout/payment-gateway-timeouts" }),
  severity: Severity,
  status: z.enum(ALERT_STATUSES).openapi({ example: "open" }),
  source: z.string().openapi({ example: "checkout" }),
  title: z.string().openapi({ example: "Payment gateway timeouts" }),
  description: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  labels: z.record(z.string(), z.string()),
  occurrence_count: z.number().int().openapi({ example: 3 }),
  first_seen_at: z.string().openapi({ example: "2026-03-01T12:00:00.000Z" }),
  last_seen_at: z.string().openapi({ example: "2026-03-01T12:04:00.000Z" }),
  acknowledged_by: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
  resolved_by: z.string().nullable(),
  resolved_at: z.string().nullable(),
  previous_alert_id: z.string().nullable().openapi({
    description: "The resolved alert this one reopens",
  }),
  rule_id: z.string().nullable(),
  group_key: z.string().nullable(),
  silenced: z.boolean(),
  notifications: z.record(z.string(), ChannelNotificationSchema).openapi({
    description: "Delivery record per channel",
    example: { slack: { status: "sent", attempts: 1, sent_at: "2026-03-01T12:00:31.000Z" } },
  }),
}).openapi("Alert");

export const AlertListSchema = z.object({
  items: z.array(AlertSchema),
  next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }),
}).openapi("AlertList");

export const CreateAlertBodySchema = z.object({
  fingerprint: z.string().min(1).max(L.fingerprintMax).openapi({
    example: "checkout/payment-gateway-timeouts",
  }),
  severity: Severity,
  source: z.string().min(1).max(L.sourceMax).openapi({ example: "checkout" }),
  title: z.string().min(1).max(L.titleMax).openapi({ example: "Payment gateway timeouts" }),
  description: z.string().max(L.descriptionMax).optional(),
  details: Details.optional(),
  labels: LabelsSchema.optional(),
}).strict().openapi("CreateAlertRequest");

export const CreatedAlertSchema = z.object({
  alert: AlertSchema,
  created: z.boolean().openapi({
    description: "False when an unresolved alert was counted once more",
  }),
  queued: z.array(z.enum(CHANNEL_NAMES)).openapi({
    description: "Channels a notification was queued for",
  }),
}).openapi("CreatedAlert");

export const AlertListQuerySchema = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  source: z.string().max(L.sourceMax).optional(),
  from: z.iso.datetime({ offset: true }).optional().openapi({ example: "2026-03-01T00:00:00Z" }),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ example: 50 }),
  cursor: AlertIdSchema.optional().openapi({
    description: "`next_cursor` of the previous page",
  }),
}).strict();

export const IdParamsSchema = z.object({
  id: AlertIdSchema.openapi({ param: { name: "id", in: "path" } }),
});

/** Every given matcher must match; at least one is given, so a silence never mutes everything. */
export const SilenceMatchersSchema = z.object({
  source: z.array(z.string().min(1).max(L.sourceMax)).min(1).max(50).optional(),
  severity: z.array(z.enum(ALERT_SEVERITIES)).min(1).optional(),
  fingerprint: z.array(z.string().min(1).max(L.fingerprintMax)).min(1).max(50).optional(),
  labels: labelsSchema(1).optional(),
}).strict().refine((m) => Object.keys(m).length > 0, {
  message: "at least one matcher (source, severity, fingerprint or labels)",
}).openapi("SilenceMatchers", { minProperties: 1 });

export const SilenceSchema = z.object({
  id: z.string(),
  matchers: SilenceMatchersSchema,
  starts_at: z.string(),
  ends_at: z.string(),
  comment: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  expired_at: z.string().nullable(),
  active: z.boolean(),
}).openapi("Silence");

export const SilenceListSchema = z.object({ items: z.array(SilenceSchema) }).openapi(
  "SilenceList",
);

export const CreateSilenceBodySchema = z.object({
  matchers: SilenceMatchersSchema,
  starts_at: z.iso.datetime({ offset: true }).optional().openapi({
    description: "Default: now",
    example: "2026-03-01T12:00:00Z",
  }),
  ends_at: z.iso.datetime({ offset: true }).openapi({
    description: "After `starts_at`, in the future, and at most " +
      `${MAX_SILENCE_MS / 86_400_000} days after \`starts_at\``,
    example: "2026-03-01T14:00:00Z",
  }),
  comment: z.string().max(1000).optional().openapi({ example: "Planned database failover" }),
}).strict().openapi("CreateSilenceRequest");

export const SilenceListQuerySchema = z.object({
  include_expired: z.enum(["true", "false"]).optional(),
}).strict();

const RuleFiltersSchema = z.object({
  service: z.array(ServiceNameSchema).max(50).optional(),
  level: z.array(z.enum(LOG_LEVELS)).max(LOG_LEVELS.length).optional(),
  category: z.enum(LOG_CATEGORIES).optional(),
}).strict().openapi("AlertRuleFilters");

export const RuleBodySchema = z.object({
  name: z.string().min(1).max(200).openapi({ example: "Checkout errors" }),
  query: QueryTextSchema.openapi({ example: "level:error AND timeout" }),
  filters: RuleFiltersSchema.optional(),
  group_by: z.enum(RULE_GROUP_FIELDS).nullable().optional().openapi({ example: "service.name" }),
  window: Duration.openapi({
    description: `The span counted: at least 1s, ${durationBounds}`,
    example: "5m",
  }),
  interval: Duration.openapi({
    description: `How often it is counted: at least ALERT_RULE_MIN_INTERVAL_MS, ${durationBounds}`,
    example: "1m",
  }),
  condition: z.object({
    op: z.enum(CONDITION_OPS),
    threshold: SafeNumberSchema,
  }).strict().openapi({ example: { op: ">", threshold: 50 } }),
  for: Duration.optional().openapi({
    description: `Breaching this long before firing (default 0s); ${durationBounds}`,
    example: "2m",
  }),
  keep_firing_for: Duration.optional().openapi({
    description: `Firing this long after the last breach (default 0s); ${durationBounds}`,
    example: "5m",
  }),
  severity: Severity,
  labels: LabelsSchema.optional(),
  channels: z.array(z.enum(CHANNEL_NAMES)).max(5).nullable().optional(),
  enabled: z.boolean().optional(),
}).strict().openapi("AlertRuleRequest");

const RuleGroupSchema = z.object({
  group: z.string(),
  state: z.enum(["pending", "firing", "recovering"]),
  active_since: z.string(),
  last_breach_at: z.string(),
  value: z.number(),
  alert_id: z.string().nullable(),
}).openapi("AlertRuleGroup");

export const RuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  filters: RuleFiltersSchema,
  group_by: z.enum(RULE_GROUP_FIELDS).nullable(),
  window: z.string().openapi({ example: "5m" }),
  interval: z.string().openapi({ example: "1m" }),
  condition: z.object({ op: z.enum(CONDITION_OPS), threshold: z.number() }),
  for: z.string(),
  keep_firing_for: z.string(),
  severity: Severity,
  labels: z.record(z.string(), z.string()),
  channels: z.array(z.enum(CHANNEL_NAMES)).nullable(),
  enabled: z.boolean(),
  state: z.enum(RULE_STATES).openapi({ example: "normal" }),
  state_since: z.string(),
  last_error: z.string().nullable(),
  last_evaluated_at: z.string().nullable(),
  last_evaluation_ms: z.number().int().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  groups: z.array(RuleGroupSchema).optional(),
}).openapi("AlertRule");

export const RuleListSchema = z.object({ items: z.array(RuleSchema) }).openapi("AlertRuleList");
