/**
 * The plain manifests of k8s/ rendered with kustomize (the base and the
 * production overlay): the same checks as the chart — every setting by name,
 * a ConfigMap the service accepts, probes, "restricted", the grace period —
 * and the production resources with their shape; NetworkPolicy peers keep
 * their own selectors.
 */
import assert from "node:assert/strict";
import { SECRET_SETTINGS } from "../../infra/config/secret_settings.ts";
import {
  assertConfigMapIsValid,
  assertEnvIsEverySetting,
  assertGracePeriod,
  assertProbes,
  assertRestricted,
  find,
} from "./manifest_checks.ts";
import { kustomizeBuild, podSpecs } from "./render.ts";
import { requireTool } from "./tools.ts";

const kustomize = await requireTool("kustomize");

const PRODUCTION_SECRETS: Record<string, string> = {
  DATABASE_URL: "postgres://app:secret@db.example:5432/logging",
  ELASTICSEARCH_API_KEY: "api-key",
  AUDIT_SIGNING_KEY: "ed25519-key",
  CURSOR_SIGNING_KEY: "c".repeat(40),
};

for (const dir of ["base", "overlays/production"]) {
  Deno.test({
    name: `k8s/${dir}: settings, probes, security, grace period`,
    ignore: !kustomize,
    async fn() {
      const m = await kustomizeBuild(kustomize!, dir);
      const production = dir !== "base";
      assert.ok(m.every((x) => x.metadata.namespace === "logging" || x.kind === "Namespace"));
      const deployment = find(m, "Deployment", (d) => d.metadata.name === "logging-audit");
      assertEnvIsEverySetting(deployment, "logging-audit-config", "logging-audit-secrets");
      const configMap = find(m, "ConfigMap", (c) => c.metadata.name === "logging-audit-config");
      const config = assertConfigMapIsValid(configMap, production ? PRODUCTION_SECRETS : {});
      assertProbes(deployment, config.PORT);
      assertGracePeriod(deployment, config.SHUTDOWN_GRACE_MS);
      for (const { name, spec } of podSpecs(m)) assertRestricted(name, spec, { tmp: true });

      const secret = m.find((x) => x.kind === "Secret");
      if (production) {
        assert.equal(secret, undefined, "production never applies the placeholder Secret");
        assert.equal(config.APP_ENV, "production");
        assert.equal(deployment.spec.replicas, undefined, "the HPA owns the replica count");
        for (
          const kind of [
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "Ingress",
            "ServiceMonitor",
            "PrometheusRule",
            "Elasticsearch",
          ]
        ) {
          find(m, kind);
        }
        assert.ok(find(m, "Ingress").spec.tls?.length, "TLS on the ingress");
        const hpa = find(m, "HorizontalPodAutoscaler");
        assert.equal(
          hpa.spec.metrics.find((x: { pods?: unknown }) => x.pods).pods.metric.name,
          "active_log_searches",
        );
        const es = find(m, "Elasticsearch");
        for (const set of es.spec.nodeSets) {
          const c = set.podTemplate.spec.containers[0];
          assert.ok(c.resources.requests && c.resources.limits, `${set.name}: requests and limits`);
        }
        assert.deepEqual(
          Object.fromEntries(
            es.spec.nodeSets.map((s: { name: string; count: number }) => [s.name, s.count]),
          ),
          { master: 3, data: 5, coordinating: 3 },
        );
        assert.equal(
          config.SNAPSHOT_REPOSITORY_TYPE,
          "s3",
          "setup-es installs the SLM policy from these",
        );
        for (const job of ["logging-audit-migrate", "logging-audit-setup-es"]) {
          find(m, "Job", (j) => j.metadata.name === job);
        }
      } else {
        assert.deepEqual(
          Object.keys(secret!.stringData).sort(),
          [...SECRET_SETTINGS].sort(),
          "the Secret has a placeholder for every secret setting",
        );
        assert.ok(Object.values(secret!.stringData).every((v) => v === ""), "placeholders only");
      }
      const policy = find(m, "NetworkPolicy", (p) => p.metadata.name === "logging-audit");
      const peers = JSON.stringify(policy.spec.ingress) + JSON.stringify(policy.spec.egress);
      assert.match(peers, /"app.kubernetes.io\/name":"ingress-nginx"/);
      assert.match(peers, /"k8s-app":"kube-dns"/);
      assert.doesNotMatch(
        peers,
        /"app.kubernetes.io\/name":"logging-audit"/,
        "peer selectors untouched",
      );
    },
  });
}
