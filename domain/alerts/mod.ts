export * from "./alert.ts";
export type { AlertActor, AlertDeps } from "./alert_deps.ts";
export type * from "./ports.ts";
export {
  type AlertRoute,
  DEFAULT_GROUP_WINDOW_MS,
  DEFAULT_REPEAT_INTERVAL_MS,
  DEFAULT_ROUTES,
  routeFor,
} from "./routing.ts";
export { MAX_SILENCE_MS, type Silence, type SilenceMatchers, silenceMatches } from "./silence.ts";
export { createAlert, type CreateAlertInput, notificationGroup } from "./create_alert.ts";
export {
  acknowledgeAlert,
  type AlertChangeInput,
  getAlert,
  resolveAlert,
} from "./alert_transitions.ts";
export { createSilence, type CreateSilenceInput, expireSilence } from "./silences.ts";
export {
  type ChannelSender,
  type DrainDeps,
  drainOutbox,
  type Notification,
  type SendReport,
} from "./notification.ts";
export {
  clearCriticalError,
  CRITICAL_ERRORS,
  type CriticalError,
  type CriticalErrorDeps,
  type CriticalErrorKind,
  criticalFingerprint,
  handleCriticalError,
} from "./critical_errors.ts";
export { type BreakerWatch, createBreakerWatch } from "./breaker_watch.ts";
export * from "./rules/rule.ts";
export type * from "./rules/ports.ts";
export { advanceCycle, ruleStateOf } from "./rules/rule_cycle.ts";
export { ruleDefinition, type RuleInput, ruleSearch } from "./rules/rule_input.ts";
export {
  createRule,
  deleteRule,
  getRule,
  type RuleDeps,
  updateRule,
} from "./rules/manage_rules.ts";
export {
  evaluateDueRules,
  evaluateRule,
  type EvaluatorDeps,
  ruleFingerprint,
} from "./rules/evaluate_rules.ts";
export { alertDocument } from "./alert_document.ts";
