/**
 * The custom resources (ECK Elasticsearch, ServiceMonitor, PrometheusRule)
 * of the chart and the kustomize overlay, validated against the operators'
 * own CRD schemas — taken from their Go modules (fetched, checksum-verified,
 * by `go mod download` through the Go module proxy; nothing copied into this
 * repository) — made strict the way kubernetes-validate is: unknown fields
 * are refused wherever the CRD does not preserve them.
 */
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { helmTemplate, kustomizeBuild, type Manifest, PRODUCTION_VALUES } from "./render.ts";
import { requireTool, run } from "./tools.ts";

/** The operator releases the manifests are written for. */
export const CRD_MODULES = {
  eck: {
    module: "github.com/elastic/cloud-on-k8s/v3@v3.5.0",
    files: {
      Elasticsearch: "config/crds/v1/resources/elasticsearch.k8s.elastic.co_elasticsearches.yaml",
    },
  },
  prometheusOperator: {
    module: "github.com/prometheus-operator/prometheus-operator@v0.85.0",
    files: {
      ServiceMonitor: "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml",
      PrometheusRule: "example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml",
    },
  },
} as const;

const go = await requireTool("go");
const helm = await requireTool("helm");
const kustomize = await requireTool("kustomize");

/** The module's directory in the module cache, downloading it when needed. */
async function moduleDir(goPath: string, module: string): Promise<string> {
  const result = await run(goPath, ["mod", "download", "-json", module]);
  assert.equal(result.code, 0, `go mod download ${module}: ${result.stderr}`);
  return JSON.parse(result.stdout).Dir;
}

// deno-lint-ignore no-explicit-any
type JsonSchema = any;

/** additionalProperties: false wherever properties are listed and unknown fields are not kept. */
export function strict(schema: JsonSchema): JsonSchema {
  if (!schema || typeof schema !== "object") return schema;
  if (Array.isArray(schema)) return schema.map(strict);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = strict(value);
  if (
    out.properties && out.additionalProperties === undefined &&
    !out["x-kubernetes-preserve-unknown-fields"]
  ) {
    out.additionalProperties = false;
  }
  if (out["x-kubernetes-int-or-string"]) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  return out;
}

function goRegExp(source: string, flags: string): RegExp {
  const insensitive = source.includes("(?i)");
  return new RegExp(source.replaceAll("(?i)", ""), insensitive ? `${flags}i` : flags);
}
goRegExp.code = 'new RegExp("^")'; // ajv's standalone code generation is not used

async function validators(goPath: string) {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    // The CRDs' patterns are Go (RE2) expressions: an inline `(?i)` becomes the `i` flag.
    code: { regExp: goRegExp },
  });
  const byKind = new Map<string, (doc: unknown) => boolean>();
  const errors = new Map<string, () => string>();
  for (const { module, files } of Object.values(CRD_MODULES)) {
    const dir = await moduleDir(goPath, module);
    for (const [kind, file] of Object.entries(files)) {
      const crd = parse(await Deno.readTextFile(`${dir}/${file}`));
      const version = crd.spec.versions.find((v: { storage: boolean }) => v.storage);
      const schema = strict(version.schema.openAPIV3Schema);
      // Kubernetes fills metadata itself; the CRD describes it as a bare object.
      schema.properties.metadata = { type: "object" };
      const validate = ajv.compile(schema);
      byKind.set(`${crd.spec.group}/${version.name}/${kind}`, validate);
      errors.set(
        `${crd.spec.group}/${version.name}/${kind}`,
        () => ajv.errorsText(validate.errors),
      );
    }
  }
  return (m: Manifest) => {
    const key = `${m.apiVersion}/${m.kind}`;
    const validate = byKind.get(key);
    assert.ok(validate, `no CRD schema for ${key}`);
    assert.ok(validate(m), `${m.kind}/${m.metadata.name}: ${errors.get(key)!()}`);
  };
}

Deno.test({
  name: "custom resources match the operators' CRD schemas (strict)",
  ignore: !go || !helm || !kustomize,
  async fn() {
    const check = await validators(go!);
    const chart = await helmTemplate(helm!, { values: [PRODUCTION_VALUES] });
    assert.equal(chart.code, 0, chart.stderr);
    const overlay = await kustomizeBuild(kustomize!, "overlays/production");
    const custom = [...chart.manifests, ...overlay].filter((m) =>
      ["Elasticsearch", "ServiceMonitor", "PrometheusRule"].includes(m.kind)
    );
    assert.equal(custom.length, 6, "three custom resources from each");
    for (const m of custom) check(m);

    // The check has teeth: a misspelt field is refused.
    const broken = structuredClone(custom.find((m) => m.kind === "Elasticsearch")!);
    broken.spec.nodeSets[0].cout = 3;
    assert.throws(() => check(broken), /additional properties|must NOT have additional/i);
  },
});
