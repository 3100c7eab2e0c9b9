/**
 * Static checks of everything that ships to a cluster, offline (CI runs it;
 * the tools are installed by `.ci/run`):
 *
 *   1. helm lint of the chart, with its defaults and with values-production.yaml
 *   2. helm template (both) and kustomize build (k8s/base, k8s/overlays/production)
 *   3. kubernetes-validate --strict over every render, with the schemas the pip package
 *      ships; the operators' custom resources (ECK Elasticsearch, ServiceMonitor,
 *      PrometheusRule) have no schema there and are validated against the operators' own
 *      CRDs by tests/deploy/crd_resources_test.ts instead
 *   4. checkov --skip-download over the Dockerfile and every render: no failed check
 *      (suppressions are annotations beside their resources, each with its reason)
 *
 *   deno task check-deploy [--keep DIR]      the renders stay in DIR for inspection
 */
import { parseArgs } from "node:util";
import { locateTool, runTool, type ToolName } from "./deploy/tool_paths.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CHART = `${ROOT}helm/logging-audit`;
/** Kinds kubernetes-validate has no schema for, checked against their CRDs elsewhere. */
const CUSTOM_KINDS = ["Elasticsearch", "ServiceMonitor", "PrometheusRule"];

const { values } = parseArgs({ args: Deno.args, options: { keep: { type: "string" } } });
const started = performance.now();
let failures = 0;

async function tool(name: ToolName): Promise<string> {
  const path = await locateTool(name);
  if (!path) {
    console.error(`check-deploy: ${name} is not installed (.ci/run installs it)`);
    Deno.exit(2);
  }
  return path;
}

function report(ok: boolean, label: string, detail = "") {
  if (!ok) failures++;
  console.log(
    `  ${ok ? "✓" : "✗"} ${label}${detail ? `\n${detail.replace(/^/gm, "      ")}` : ""}`,
  );
}

const [helm, kustomize, validate, checkov] = [
  await tool("helm"),
  await tool("kustomize"),
  await tool("kubernetes-validate"),
  await tool("checkov"),
];
const out = values.keep ?? await Deno.makeTempDir({ prefix: "check-deploy-" });
await Deno.mkdir(out, { recursive: true });
const renders: string[] = [];

console.log("helm lint");
for (
  const [label, extra] of [["defaults", []], ["values-production.yaml", [
    "-f",
    `${CHART}/values-production.yaml`,
  ]]] as const
) {
  const lint = await runTool(helm, ["lint", "--strict", CHART, ...extra]);
  report(
    lint.code === 0,
    `helm lint --strict (${label})`,
    lint.code === 0 ? "" : lint.stdout + lint.stderr,
  );
}

console.log("render");
for (
  const [name, extra] of [["helm-default", []], ["helm-production", [
    "-f",
    `${CHART}/values-production.yaml`,
  ]]] as const
) {
  const rendered = await runTool(helm, [
    "template",
    "logging-audit",
    CHART,
    "--namespace",
    "logging",
    ...extra,
  ]);
  report(
    rendered.code === 0,
    `helm template (${name})`,
    rendered.code === 0 ? "" : rendered.stderr,
  );
  await Deno.writeTextFile(`${out}/${name}.yaml`, rendered.stdout);
  renders.push(`${out}/${name}.yaml`);
}
for (const dir of ["base", "overlays/production"]) {
  const built = await runTool(kustomize, ["build", `${ROOT}k8s/${dir}`]);
  report(built.code === 0, `kustomize build k8s/${dir}`, built.code === 0 ? "" : built.stderr);
  const name = `k8s-${dir.replace("/", "-")}`;
  await Deno.writeTextFile(`${out}/${name}.yaml`, built.stdout);
  renders.push(`${out}/${name}.yaml`);
}

console.log("kubernetes-validate --strict");
for (const file of renders) {
  const result = await runTool(validate, ["--strict", file]);
  const lines = result.stdout.split("\n").filter(Boolean);
  const passed = lines.filter((l) => l.startsWith("INFO")).length;
  const unexpected = lines.filter((l) =>
    l.startsWith("ERROR") ||
    (l.startsWith("WARN") && !CUSTOM_KINDS.some((k) => l.includes(`kind ${k} `)))
  );
  const custom = lines.filter((l) => l.startsWith("WARN")).length -
    unexpected.filter((l) => l.startsWith("WARN")).length;
  report(
    result.code === 0 && unexpected.length === 0,
    `${file.split("/").pop()}: ${passed} resources valid` +
      (custom ? `, ${custom} custom (CRD-checked by the tests)` : ""),
    unexpected.join("\n") +
      (result.code !== 0 && !unexpected.length ? result.stdout + result.stderr : ""),
  );
}

console.log("checkov --skip-download");
for (
  const [label, args] of [
    ["Dockerfile", ["-f", `${ROOT}Dockerfile`, "--framework", "dockerfile"]],
    ["rendered manifests", ["-d", out, "--framework", "kubernetes"]],
  ] as const
) {
  const result = await runTool(checkov, [
    ...args,
    "--skip-download",
    "--compact",
    "--quiet",
    "-o",
    "json",
  ]);
  let summaries: { passed: number; failed: number; skipped: number }[] = [];
  try {
    const parsed = JSON.parse(result.stdout);
    summaries = (Array.isArray(parsed) ? parsed : [parsed]).map((r) => r.summary ?? r);
  } catch {
    report(false, `checkov ${label}`, result.stdout.slice(0, 2000) + result.stderr.slice(-2000));
    continue;
  }
  const sum = (key: "passed" | "failed" | "skipped") =>
    summaries.reduce((n, s) => n + (s[key] ?? 0), 0);
  report(
    result.code === 0 && sum("failed") === 0,
    `checkov ${label}: ${sum("passed")} passed, ${sum("failed")} failed, ${
      sum("skipped")
    } suppressed with a reason`,
    sum("failed") ? "run checkov without --quiet for the failed checks" : "",
  );
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (!values.keep) await Deno.remove(out, { recursive: true });
console.log(
  failures
    ? `check-deploy: ${failures} problem(s) in ${seconds}s`
    : `check-deploy: clean in ${seconds}s`,
);
Deno.exit(failures ? 1 : 0);
