/**
 * Assertions shared by the chart and the kustomize tests, each derived from
 * the service itself: the config schema's keys, its defaults, its routes.
 * @module
 */
import assert from "node:assert/strict";
import { ConfigSchema, parseConfig } from "../../infra/config/mod.ts";
import { SECRET_SETTINGS } from "../../infra/config/secret_settings.ts";
import type { Manifest } from "./render.ts";

/** Environment variables the manifests may set besides the settings, and why. */
export const EXTRA_ENV: Readonly<Record<string, string>> = {
  DENO_CERT: "the runtime's extra CA certificates (the ECK cluster's CA)",
};

export const SETTING_NAMES = Object.keys(ConfigSchema.shape);

export function find(
  manifests: Manifest[],
  kind: string,
  predicate: (m: Manifest) => boolean = () => true,
) {
  const found = manifests.find((m) => m.kind === kind && predicate(m));
  assert.ok(found, `no ${kind} rendered`);
  return found;
}

// deno-lint-ignore no-explicit-any
type Container = any;

export function serverContainer(deployment: Manifest): Container {
  const container = deployment.spec.template.spec.containers.find((c: Container) =>
    c.name === "server"
  );
  assert.ok(container, "the Deployment has a `server` container");
  return container;
}

/** The container's environment names equal the schema's settings (plus the known extras). */
export function assertEnvIsEverySetting(
  deployment: Manifest,
  configMapName: string,
  secretName: string,
) {
  const env: Container[] = serverContainer(deployment).env ?? [];
  const names = env.map((e) => e.name);
  const settings = new Set(SETTING_NAMES);
  const missing = SETTING_NAMES.filter((n) => !names.includes(n));
  const unknown = names.filter((n) => !settings.has(n) && !(n in EXTRA_ENV));
  assert.deepEqual(missing, [], `settings the Deployment does not pass: ${missing.join(", ")}`);
  assert.deepEqual(unknown, [], `environment names that are no setting: ${unknown.join(", ")}`);
  assert.equal(new Set(names).size, names.length, "no variable is set twice");
  for (const entry of env) {
    if (!settings.has(entry.name) || entry.value !== undefined) continue;
    if (SECRET_SETTINGS.has(entry.name)) {
      assert.equal(
        entry.valueFrom?.secretKeyRef?.name,
        secretName,
        `${entry.name} from the Secret`,
      );
    } else {
      assert.equal(
        entry.valueFrom?.configMapKeyRef?.name,
        configMapName,
        `${entry.name} from the ConfigMap`,
      );
    }
  }
}

/** The ConfigMap holds exactly the non-secret settings, and the service accepts them. */
export function assertConfigMapIsValid(
  configMap: Manifest,
  secrets: Record<string, string>,
  inlineEnv: Record<string, string> = {},
) {
  const expected = SETTING_NAMES.filter((n) => !SECRET_SETTINGS.has(n)).sort();
  const keys = Object.keys(configMap.data ?? {}).sort();
  const missing = expected.filter((k) => !keys.includes(k));
  const extra = keys.filter((k) => !expected.includes(k));
  assert.deepEqual(missing, [], `settings missing from the ConfigMap: ${missing.join(", ")}`);
  assert.deepEqual(
    extra,
    [],
    `ConfigMap keys that are no (or a secret) setting: ${extra.join(", ")}`,
  );
  return parseConfig({ ...configMap.data, ...secrets, ...inlineEnv });
}

/** Probes on the service's health routes, through the port the service listens on. */
export function assertProbes(deployment: Manifest, port: number) {
  const container = serverContainer(deployment);
  const http = container.ports.find((p: Container) => p.name === "http");
  assert.equal(http?.containerPort, port, "the container port is the PORT setting");
  assert.deepEqual(container.startupProbe.httpGet, { path: "/health/live", port: "http" });
  assert.deepEqual(container.livenessProbe.httpGet, { path: "/health/live", port: "http" });
  assert.deepEqual(container.readinessProbe.httpGet, { path: "/health/ready", port: "http" });
}

/** The pod outlives the drain: preStop sleep + SHUTDOWN_GRACE_MS, with a margin. */
export function assertGracePeriod(deployment: Manifest, shutdownGraceMs: number) {
  const spec = deployment.spec.template.spec;
  const preStop = serverContainer(deployment).lifecycle?.preStop?.sleep?.seconds ?? 0;
  const needed = preStop + Math.ceil(shutdownGraceMs / 1000);
  assert.ok(
    spec.terminationGracePeriodSeconds > needed,
    `terminationGracePeriodSeconds ${spec.terminationGracePeriodSeconds} ≤ ${needed} s of drain`,
  );
}

const ALLOWED_VOLUMES = [
  "emptyDir",
  "secret",
  "configMap",
  "persistentVolumeClaim",
  "projected",
  "downwardAPI",
  "ephemeral",
];

/** Pod Security Standards "restricted", plus a read-only root filesystem. */
export function assertRestricted(name: string, spec: Container, options: { tmp?: boolean } = {}) {
  const pod = spec.securityContext ?? {};
  assert.ok(!spec.hostNetwork && !spec.hostPID && !spec.hostIPC, `${name}: no host namespaces`);
  for (const volume of spec.volumes ?? []) {
    const type = Object.keys(volume).find((k) => k !== "name")!;
    assert.ok(ALLOWED_VOLUMES.includes(type), `${name}: volume type ${type} is not allowed`);
  }
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const ctx = c.securityContext ?? {};
    const where = `${name}/${c.name}`;
    assert.equal(ctx.runAsNonRoot ?? pod.runAsNonRoot, true, `${where}: runAsNonRoot`);
    assert.notEqual(ctx.runAsUser ?? pod.runAsUser, 0, `${where}: not uid 0`);
    assert.equal(
      (ctx.seccompProfile ?? pod.seccompProfile)?.type,
      "RuntimeDefault",
      `${where}: seccomp RuntimeDefault`,
    );
    assert.equal(ctx.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation false`);
    assert.notEqual(ctx.privileged, true, `${where}: not privileged`);
    assert.ok(ctx.capabilities?.drop?.includes("ALL"), `${where}: drops ALL capabilities`);
    assert.deepEqual(
      (ctx.capabilities?.add ?? []).filter((c: string) => c !== "NET_BIND_SERVICE"),
      [],
      `${where}: adds no capability but NET_BIND_SERVICE`,
    );
    assert.equal(ctx.readOnlyRootFilesystem, true, `${where}: read-only root filesystem`);
    if (options.tmp) {
      const mounts = (c.volumeMounts ?? []).map((m: Container) => m.mountPath);
      assert.ok(mounts.includes("/tmp"), `${where}: a writable /tmp`);
    }
  }
}
