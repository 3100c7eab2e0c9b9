/**
 * Which settings are secrets: they go to the Kubernetes Secret (or the
 * chart's `existingSecret`), never to the ConfigMap, and are never printed.
 * A setting whose name looks secret must be listed in one of the two sets
 * below — a test fails until it is — so a new credential cannot slip into
 * the ConfigMap unnoticed.
 * @module
 */

/** Credentials and keys. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set([
  "DATABASE_URL", // carries the database password
  "ELASTICSEARCH_USERNAME",
  "ELASTICSEARCH_PASSWORD",
  "ELASTICSEARCH_API_KEY",
  "REDIS_REST_TOKEN",
  "JWT_HS256_SECRET",
  "CURSOR_SIGNING_KEY",
  "MASK_HMAC_KEY",
  "AUDIT_SIGNING_KEY",
  "USER_SERVICE_TOKEN",
  "ELASTICSEARCH_FALLBACK_USERNAME",
  "ELASTICSEARCH_FALLBACK_PASSWORD",
  "ELASTICSEARCH_FALLBACK_API_KEY",
  "ALERT_SLACK_WEBHOOK_URL", // the URL is the credential
  "ALERT_EMAIL_SMTP_PASSWORD",
  "ALERT_PAGERDUTY_ROUTING_KEY",
  "ALERT_WEBHOOK_SECRET",
]);

/** Names that look secret but are not: public keys, lists of key names, plain URLs. */
export const NOT_SECRET_SETTINGS: ReadonlySet<string> = new Set([
  "JWT_PUBLIC_KEY",
  "JWT_JWKS_URL",
  "AUDIT_PREVIOUS_PUBLIC_KEYS",
  "MASK_SENSITIVE_KEYS",
  "ELASTICSEARCH_URL",
  "REDIS_REST_URL",
  "USER_SERVICE_URL",
  "ELASTICSEARCH_FALLBACK_URL",
  "CACHE_KEY_PREFIX",
  "ALERT_PUBLIC_URL",
  "ALERT_PAGERDUTY_URL",
  "ALERT_WEBHOOK_URL",
  "ALERT_ALERTMANAGER_URL",
]);

/** A name that may hold a credential: such settings must be classified above. */
export const LOOKS_SECRET = /SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL|WEBHOOK|USERNAME|_DSN$|_URL$/;
