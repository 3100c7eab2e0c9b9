/**
 * The deployment files derived from the config schema and the alert rules
 * are current, every setting whose name looks secret is classified, and the
 * chart's values schema is closed at every level.
 */
import assert from "node:assert/strict";
import { ConfigSchema } from "../../infra/config/schema.ts";
import {
  LOOKS_SECRET,
  NOT_SECRET_SETTINGS,
  SECRET_SETTINGS,
} from "../../infra/config/secret_settings.ts";
import { renderDeployFiles } from "../../tasks/generate_deploy.ts";

const ROOT = new URL("../../", import.meta.url);

Deno.test("the generated deployment files are current", async () => {
  for (const [path, expected] of await renderDeployFiles()) {
    const committed = await Deno.readTextFile(new URL(path, ROOT)).catch(() => "(missing)");
    assert.equal(committed, expected, `${path} is stale: run \`deno task generate-deploy\``);
  }
});

Deno.test("every setting that looks secret is classified as secret or not", () => {
  const names = Object.keys(ConfigSchema.shape);
  const unclassified = names.filter((n) =>
    LOOKS_SECRET.test(n) && !SECRET_SETTINGS.has(n) && !NOT_SECRET_SETTINGS.has(n)
  );
  assert.deepEqual(
    unclassified,
    [],
    `classify in infra/config/secret_settings.ts: ${unclassified.join(", ")}`,
  );
  const stale = [...SECRET_SETTINGS, ...NOT_SECRET_SETTINGS].filter((n) => !names.includes(n));
  assert.deepEqual(stale, [], `no such setting: ${stale.join(", ")}`);
});

// deno-lint-ignore no-explicit-any
type Schema = any;

/** Paths of object schemas that accept keys they do not describe. */
function openObjects(schema: Schema, path = "$"): string[] {
  if (!schema || typeof schema !== "object") return [];
  const found: string[] = [];
  const isObject = schema.type === "object" ||
    (Array.isArray(schema.type) && schema.type.includes("object"));
  if (isObject && schema.properties && schema.additionalProperties !== false) found.push(path);
  if (isObject && !schema.properties && schema.additionalProperties === undefined) {
    // A free-form object is allowed only where Kubernetes' own structures pass through.
    if (
      !/affinity\.|topologySpreadConstraints|SNAPSHOT_REPOSITORY_SETTINGS|AUDIT_PREVIOUS_PUBLIC_KEYS/
        .test(path)
    ) {
      found.push(path);
    }
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties") {
      for (const [name, child] of Object.entries(value as object)) {
        found.push(...openObjects(child, `${path}.${name}`));
      }
    } else if (typeof value === "object") {
      found.push(...openObjects(value, `${path}`));
    }
  }
  return found;
}

Deno.test("values.schema.json closes every object (mistyped keys fail at any depth)", async () => {
  const schema = JSON.parse(
    await Deno.readTextFile(new URL("helm/logging-audit/values.schema.json", ROOT)),
  );
  assert.deepEqual(openObjects(schema), []);
  const config = Object.keys(schema.properties.config.properties);
  const secrets = Object.keys(schema.properties.secrets.properties);
  assert.deepEqual(
    [...config, ...secrets].sort(),
    Object.keys(ConfigSchema.shape).sort(),
    "every setting is reachable from the values",
  );
  assert.deepEqual(secrets.sort(), [...SECRET_SETTINGS].sort());
});
