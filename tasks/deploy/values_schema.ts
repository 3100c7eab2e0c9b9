/**
 * The chart's values.schema.json, written as code: every object closed with
 * `additionalProperties: false` (a mistyped key fails `helm lint` and
 * `helm install`), and the `config`/`secrets` sections derived from the
 * service's config schema. Maps of user labels and annotations, and the
 * Kubernetes structures passed through untouched (affinity, tolerations,
 * topology spread), are typed maps; the rendered manifests are then checked
 * strictly against the Kubernetes schemas.
 * @module
 */
import type { Setting } from "./settings_catalog.ts";

type Schema = Record<string, unknown>;

function object(properties: Record<string, Schema>, description?: string): Schema {
  return {
    type: "object",
    ...(description ? { description } : {}),
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
}
const str = (extra: Schema = {}): Schema => ({ type: "string", ...extra });
const int = (minimum: number, maximum?: number): Schema => ({
  type: "integer",
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
const bool: Schema = { type: "boolean" };
const array = (items: Schema, extra: Schema = {}): Schema => ({ type: "array", items, ...extra });
/** A map of Kubernetes label or annotation strings. */
const stringMap: Schema = { type: "object", additionalProperties: { type: "string" } };
const quantity: Schema = {
  anyOf: [{ type: "string", pattern: "^[0-9.]+[a-zA-Z]*$" }, { type: "number" }],
};
const resources: Schema = object({
  requests: object({ cpu: quantity, memory: quantity }),
  limits: object({ cpu: quantity, memory: quantity }),
});
const image = (withPullPolicy: boolean): Schema =>
  object({
    repository: str({ minLength: 1 }),
    tag: str(),
    digest: str({ pattern: "^(sha256:[a-f0-9]{64})?$" }),
    ...(withPullPolicy ? { pullPolicy: { enum: ["Always", "IfNotPresent", "Never"] } } : {}),
  });
const cidrs = array(str({ pattern: "^[0-9a-fA-F:.]+/[0-9]{1,3}$" }));
const ports = array(int(1, 65535), { minItems: 1 });
const egressTarget = object({ cidrs, ports });
const eckNodeSet = (storage: boolean): Schema =>
  object({
    count: int(storage ? 1 : 0, 100),
    ...(storage ? { storage: quantity, storageClassName: str() } : {}),
    heap: str({ pattern: "^[0-9]+[mg]$" }),
    resources,
  });

/** The whole schema, for `settings` from the catalog. */
export function valuesSchema(settings: readonly Setting[]): Schema {
  const settingsSection = (secret: boolean) => {
    const chosen = settings.filter((s) => s.secret === secret);
    return {
      ...object(
        Object.fromEntries(chosen.map((s) => [s.name, s.valueSchema])),
        secret
          ? "Secret settings, by environment name (rendered into the chart's Secret)"
          : 'Every non-secret setting, by environment name; "" keeps the service\'s default',
      ),
    };
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "logging-audit chart values",
    ...object({
      nameOverride: str(),
      fullnameOverride: str(),
      image: image(true),
      imagePullSecrets: array(object({ name: str({ minLength: 1 }) })),
      replicaCount: int(1, 100),
      config: settingsSection(false),
      secrets: settingsSection(true),
      existingSecret: str(),
      existingSecretKeys: array(str({ minLength: 1 }), { uniqueItems: true }),
      serviceAccount: object({ create: bool, name: str(), annotations: stringMap }),
      podAnnotations: stringMap,
      podLabels: stringMap,
      priorityClassName: str(),
      nodeSelector: stringMap,
      tolerations: array(object({
        key: str(),
        operator: { enum: ["Exists", "Equal"] },
        value: str(),
        effect: { enum: ["NoSchedule", "PreferNoSchedule", "NoExecute", ""] },
        tolerationSeconds: int(0),
      })),
      affinity: {
        type: "object",
        additionalProperties: false,
        properties: {
          nodeAffinity: { type: "object" },
          podAffinity: { type: "object" },
          podAntiAffinity: { type: "object" },
        },
      },
      topologySpreadConstraints: array({ type: "object" }),
      resources,
      terminationGracePeriodSeconds: int(1, 3600),
      preStopSleepSeconds: int(0, 600),
      probes: object({
        startup: object({ periodSeconds: int(1, 60), failureThreshold: int(1, 1000) }),
        liveness: object({
          periodSeconds: int(1, 300),
          timeoutSeconds: int(1, 60),
          failureThreshold: int(1, 100),
        }),
        readiness: object({
          periodSeconds: int(1, 300),
          timeoutSeconds: int(1, 60),
          failureThreshold: int(1, 100),
        }),
      }),
      persistence: object({
        enabled: bool,
        size: quantity,
        storageClassName: str(),
        accessModes: array({ enum: ["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany"] }, {
          minItems: 1,
        }),
      }),
      tmpSizeLimit: quantity,
      service: object({
        type: { enum: ["ClusterIP", "NodePort", "LoadBalancer"] },
        port: int(1, 65535),
        annotations: stringMap,
      }),
      ingress: object({
        enabled: bool,
        className: str(),
        annotations: stringMap,
        hosts: array(object({
          host: str({ minLength: 1 }),
          paths: array(
            object({ path: str({ pattern: "^/" }), pathType: { enum: ["Prefix", "Exact"] } }),
            { minItems: 1 },
          ),
        })),
        tls: array(object({ secretName: str({ minLength: 1 }), hosts: array(str()) })),
      }),
      autoscaling: object({
        enabled: bool,
        minReplicas: int(1, 1000),
        maxReplicas: int(1, 1000),
        targetCPUUtilizationPercentage: int(1, 100),
        targetMemoryUtilizationPercentage: int(1, 100),
        activeLogSearchesPerPod: int(0, 10000),
        behavior: object({
          scaleUp: object({
            stabilizationWindowSeconds: int(0, 3600),
            percent: int(1, 1000),
            pods: int(1, 100),
            periodSeconds: int(1, 1800),
          }),
          scaleDown: object({
            stabilizationWindowSeconds: int(0, 3600),
            percent: int(1, 100),
            periodSeconds: int(1, 1800),
          }),
        }),
      }),
      podDisruptionBudget: object({ enabled: bool, maxUnavailable: int(1, 100) }),
      networkPolicy: object({
        enabled: bool,
        ingress: object({
          controllerNamespace: str({ minLength: 1 }),
          controllerPodLabels: stringMap,
          prometheusNamespace: str({ minLength: 1 }),
          prometheusPodLabels: stringMap,
        }),
        egress: object({
          dns: object({ namespace: str({ minLength: 1 }), podLabels: stringMap }),
          postgres: egressTarget,
          search: egressTarget,
          redis: egressTarget,
          smtp: egressTarget,
          webhooks: egressTarget,
          userService: egressTarget,
          identityProvider: egressTarget,
        }),
      }),
      metrics: object({
        serviceMonitor: object({
          enabled: bool,
          interval: str({ pattern: "^[0-9]+(ms|s|m)$" }),
          scrapeTimeout: str({ pattern: "^[0-9]+(ms|s|m)$" }),
          labels: stringMap,
        }),
        prometheusRule: object({ enabled: bool, labels: stringMap }),
      }),
      migrations: object({
        enabled: bool,
        backoffLimit: int(0, 20),
        activeDeadlineSeconds: int(30, 86400),
        resources,
      }),
      setupJob: object({
        enabled: bool,
        backoffLimit: int(0, 20),
        activeDeadlineSeconds: int(30, 86400),
        resources,
      }),
      elasticsearch: object({
        eck: object({
          enabled: bool,
          name: str({ pattern: "^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$", maxLength: 36 }),
          version: str({ pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" }),
          master: eckNodeSet(true),
          data: eckNodeSet(true),
          coordinating: eckNodeSet(false),
          secureSettingsSecret: str(),
        }),
      }),
      redis: object({
        enabled: bool,
        image: image(false),
        resources,
        maxMemory: str({ pattern: "^[0-9]+(kb|mb|gb)$" }),
        restFront: object({ image: image(false), resources }),
      }),
      tests: object({ enabled: bool }),
    }),
  };
}
