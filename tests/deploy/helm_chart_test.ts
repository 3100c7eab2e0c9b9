/**
 * The Helm chart, rendered with Helm 4 with its default values and with
 * values-production.yaml: every setting reaches the service by name, the
 * ConfigMap is accepted by the service's own config schema, probes and ports
 * match the service, every pod meets "restricted", the grace period covers
 * the drain; contradictory values fail early with a message, and values that
 * break values.schema.json fail `helm lint`.
 */
import assert from "node:assert/strict";
import { parseConfig } from "../../infra/config/mod.ts";
import { SECRET_SETTINGS } from "../../infra/config/secret_settings.ts";
import { buildTestApp } from "../support/test_app.ts";
import {
  assertConfigMapIsValid,
  assertEnvIsEverySetting,
  assertGracePeriod,
  assertProbes,
  assertRestricted,
  find,
  serverContainer,
} from "./manifest_checks.ts";
import { CHART, helmTemplate, type Manifest, podSpecs, PRODUCTION_VALUES } from "./render.ts";
import { requireTool, run } from "./tools.ts";

const helm = await requireTool("helm");
const RELEASE = "logging-audit";

/** Stand-ins for the secret values of a release, to parse its settings as the pod would. */
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: "postgres://app:secret@db.example:5432/logging",
  ELASTICSEARCH_API_KEY: "api-key",
  REDIS_REST_TOKEN: "redis-token",
  AUDIT_SIGNING_KEY: "ed25519-key",
  CURSOR_SIGNING_KEY: "c".repeat(40),
  MASK_HMAC_KEY: "c2VjcmV0LWtleS1vZi0xNi1ieXRlcw==",
  USER_SERVICE_TOKEN: "user-service-token",
};

function inlineEnv(deployment: Manifest): Record<string, string> {
  return Object.fromEntries(
    (serverContainer(deployment).env ?? []).filter((e: { value?: string }) => e.value !== undefined)
      .map((e: { name: string; value: string }) => [e.name, e.value]),
  );
}

const variants = [
  { name: "default values", values: [] as string[], secrets: {} as Record<string, string> },
  {
    name: "values-production.yaml",
    values: [PRODUCTION_VALUES],
    secrets: Object.fromEntries(
      Object.entries(SECRET_STAND_INS).filter(([k]) => SECRET_SETTINGS.has(k)),
    ),
  },
];

for (const variant of variants) {
  Deno.test({
    name: `helm chart (${variant.name}): settings, probes, security, grace period`,
    ignore: !helm,
    async fn() {
      const rendered = await helmTemplate(helm!, { values: variant.values });
      assert.equal(rendered.code, 0, rendered.stderr);
      const m = rendered.manifests;
      const deployment = find(m, "Deployment", (d) => d.metadata.name === RELEASE);
      const configMap = find(m, "ConfigMap", (c) => c.metadata.name === `${RELEASE}-config`);
      const secretName = variant.values.length ? "logging-audit-secrets" : `${RELEASE}-secrets`;
      assertEnvIsEverySetting(deployment, `${RELEASE}-config`, secretName);
      const config = assertConfigMapIsValid(configMap, variant.secrets, inlineEnv(deployment));
      assertProbes(deployment, config.PORT);
      assertGracePeriod(deployment, config.SHUTDOWN_GRACE_MS);
      for (const { name, spec } of podSpecs(m)) {
        const ours = spec.containers.some((c: { image: string }) =>
          c.image.includes("logging-audit-service")
        );
        assertRestricted(name, spec, { tmp: ours });
      }
      const service = find(m, "Service", (s) => s.metadata.name === RELEASE);
      assert.equal(service.spec.ports[0].targetPort, "http");
      if (variant.values.length) {
        assert.equal(config.APP_ENV, "production");
        for (
          const kind of [
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "Ingress",
            "NetworkPolicy",
            "ServiceMonitor",
            "PrometheusRule",
            "Elasticsearch",
            "Job",
          ]
        ) {
          find(m, kind);
        }
        const ingress = find(m, "Ingress");
        assert.ok(ingress.spec.tls?.length, "TLS on the ingress");
        const hpa = find(m, "HorizontalPodAutoscaler");
        assert.deepEqual(
          hpa.spec.metrics.map((
            x: { resource?: { name: string }; pods?: { metric: { name: string } } },
          ) => x.resource?.name ?? x.pods?.metric.name),
          ["cpu", "memory", "active_log_searches"],
        );
        assert.ok(
          hpa.spec.behavior.scaleUp.policies.length && hpa.spec.behavior.scaleDown.policies.length,
        );
        const es = find(m, "Elasticsearch");
        assert.deepEqual(
          Object.fromEntries(
            es.spec.nodeSets.map((s: { name: string; count: number }) => [s.name, s.count]),
          ),
          { coordinating: 3, data: 5, master: 3 },
        );
        const migrate = find(m, "Job", (j) => j.metadata.name.endsWith("-migrate"));
        assert.equal(migrate.metadata.annotations["helm.sh/hook"], "pre-install,pre-upgrade");
        assert.deepEqual(serverContainer(deployment).args, ["serve"]);
      } else {
        assert.equal(config.APP_ENV, "development", "the defaults are an evaluation install");
        assert.equal(deployment.spec.strategy.type, "Recreate", "one embedded database, one pod");
        find(m, "PersistentVolumeClaim");
      }
      const test = find(m, "Pod", (p) => p.metadata.annotations?.["helm.sh/hook"] === "test");
      assert.deepEqual(test.spec.containers[0].args.slice(0, 2), ["healthcheck", "--url"]);
      assert.match(
        test.spec.containers[0].args[2],
        new RegExp(`^http://${RELEASE}:80/health/ready$`),
      );
    },
  });
}

Deno.test({
  name: "helm chart: another PORT moves the container port, the probes' target and the policy",
  ignore: !helm,
  async fn() {
    const rendered = await helmTemplate(helm!, { set: ["config.PORT=9191"] });
    assert.equal(rendered.code, 0, rendered.stderr);
    const deployment = find(rendered.manifests, "Deployment");
    assertProbes(deployment, 9191);
    const policy = find(rendered.manifests, "NetworkPolicy");
    assert.ok(
      policy.spec.ingress.every((rule: { ports: { port: number }[] }) =>
        rule.ports[0]!.port === 9191
      ),
    );
  },
});

Deno.test("the probed paths are the service's own health routes", async () => {
  const { app } = await buildTestApp();
  assert.equal((await app.request("/health/live")).status, 200);
  const ready = await app.request("/health/ready");
  assert.ok(ready.status === 200 || ready.status === 503, `/health/ready answered ${ready.status}`);
});

const CONTRADICTIONS: Array<[string, string[], RegExp]> = [
  [
    "production without a JWT key source",
    ["config.APP_ENV=production"],
    /no JWT key source is set/,
  ],
  ["production without signing keys", [
    "config.APP_ENV=production",
    "config.JWT_JWKS_URL=https://idp/jwks",
  ], /AUDIT_SIGNING_KEY is not provided/],
  [
    "two JWT key sources",
    ["config.JWT_JWKS_URL=https://idp/jwks", "config.JWT_PUBLIC_KEY=pem"],
    /more than one JWT key source/,
  ],
  [
    "embedded database with several replicas",
    ["replicaCount=3"],
    /each pod would run its own embedded database/,
  ],
  [
    "a grace period shorter than the drain",
    ["terminationGracePeriodSeconds=10"],
    /must exceed preStopSleepSeconds \+ SHUTDOWN_GRACE_MS \(15 s\)/,
  ],
  ["the chart's Redis and an external one", [
    "redis.enabled=true",
    "secrets.REDIS_REST_TOKEN=t",
    "config.REDIS_REST_URL=https://cache.example",
  ], /redis.enabled and config.REDIS_REST_URL are both set/],
  [
    "the chart's Redis without a token",
    ["redis.enabled=true"],
    /redis.enabled needs secrets.REDIS_REST_TOKEN/,
  ],
  ["ECK and an external cluster", [
    "elasticsearch.eck.enabled=true",
    "config.ELASTICSEARCH_URL=https://es.example:9200",
  ], /eck.enabled and config.ELASTICSEARCH_URL are both set/],
  ["existingSecret and inline secrets", [
    "existingSecret=mine",
    "secrets.DATABASE_URL=postgres://x@y/z",
  ], /existingSecret is set, so the values under `secrets` would be ignored/],
  [
    "an unknown existing secret key",
    ["existingSecret=mine", "existingSecretKeys={NOT_A_SETTING}"],
    /NOT_A_SETTING is not a secret setting/,
  ],
  ["a DATA_DIR off the volume", ["config.DATA_DIR=/var/lib/x"], /DATA_DIR must stay \/data/],
];

for (const [name, set, message] of CONTRADICTIONS) {
  Deno.test({
    name: `helm template fails early: ${name}`,
    ignore: !helm,
    async fn() {
      const rendered = await helmTemplate(helm!, { set });
      assert.notEqual(rendered.code, 0, `rendered although: ${name}`);
      assert.match(rendered.stderr, /logging-audit: contradictory values/);
      assert.match(rendered.stderr, message);
    },
  });
}

Deno.test({
  name: "values that break values.schema.json fail helm lint, at any depth",
  ignore: !helm,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "bad-values-" });
    try {
      const cases: Array<[string, string, RegExp]> = [
        ["a mistyped top-level key", "replicaCont: 3\n", /replicaCont/],
        ["a mistyped nested key", "autoscaling:\n  maxReplica: 5\n", /maxReplica/],
        ["a mistyped setting", "config:\n  LOG_LEVL: debug\n", /LOG_LEVL/],
        ["a wrong type", "replicaCount: three\n", /replicaCount/],
        ["a value the service refuses", "config:\n  LOG_LEVEL: chatty\n", /LOG_LEVEL/],
        [
          "a secret among the settings",
          "config:\n  DATABASE_URL: postgres://a@b/c\n",
          /DATABASE_URL/,
        ],
      ];
      for (const [what, yaml, mention] of cases) {
        const file = `${dir}/values.yaml`;
        await Deno.writeTextFile(file, yaml);
        const lint = await run(helm!, ["lint", CHART, "-f", file]);
        assert.notEqual(lint.code, 0, `helm lint passed ${what}`);
        assert.match(lint.stdout + lint.stderr, /schema/i, what);
        assert.match(lint.stdout + lint.stderr, mention, what);
      }
      const good = await run(helm!, ["lint", CHART, "-f", PRODUCTION_VALUES]);
      assert.equal(good.code, 0, good.stdout + good.stderr);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("the stand-in secrets cover exactly the secret settings", () => {
  assert.deepEqual(Object.keys(SECRET_STAND_INS).filter((k) => !SECRET_SETTINGS.has(k)), []);
  parseConfig({ ...SECRET_STAND_INS, APP_ENV: "production", JWT_JWKS_URL: "https://idp/jwks" });
});
