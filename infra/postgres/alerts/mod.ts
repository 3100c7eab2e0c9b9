export { createPostgresAlertStore } from "./alert_store.ts";
export { createPostgresOutbox } from "./outbox_store.ts";
export { createPostgresSilenceStore } from "./silence_store.ts";
export { createPostgresRuleStore } from "./rule_store.ts";
export { createAdvisoryLeaderLock, soleInstanceLock } from "./leader_lock.ts";
export { cachedActiveSilences } from "./cached_silences.ts";
