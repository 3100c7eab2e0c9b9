/**
 * Renders the chart (`helm template`) and the kustomize overlays into parsed
 * manifests for the deploy tests.
 * @module
 */
import { parseAllDocuments } from "yaml";
import { run } from "./tools.ts";

export const ROOT = new URL("../../", import.meta.url);
export const CHART = new URL("helm/logging-audit/", ROOT).pathname;

/** A part of a manifest, loosely typed: the tests read what they check. */
// deno-lint-ignore no-explicit-any
type Loose = any;

/** One Kubernetes object. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: Loose;
  spec?: Loose;
  data?: Loose;
  stringData?: Loose;
};

export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text).map((d) => d.toJSON()).filter((d) => d && d.kind);
}

/** `helm template` of the chart with the given values files and `--set` pairs. */
export async function helmTemplate(
  helm: string,
  options: { values?: string[]; set?: string[]; release?: string } = {},
): Promise<{ code: number; manifests: Manifest[]; stderr: string }> {
  const args = ["template", options.release ?? "logging-audit", CHART, "--namespace", "logging"];
  for (const file of options.values ?? []) args.push("-f", file);
  for (const pair of options.set ?? []) args.push("--set", pair);
  const result = await run(helm, args);
  return {
    code: result.code,
    manifests: result.code === 0 ? parseManifests(result.stdout) : [],
    stderr: result.stderr,
  };
}

/** `kustomize build` of a directory under k8s/. */
export async function kustomizeBuild(kustomize: string, dir: string): Promise<Manifest[]> {
  const result = await run(kustomize, ["build", new URL(`k8s/${dir}`, ROOT).pathname]);
  if (result.code !== 0) throw new Error(`kustomize build k8s/${dir}: ${result.stderr}`);
  return parseManifests(result.stdout);
}

/** Every pod spec of the manifests (Deployments, Jobs, bare Pods), named. */
export function podSpecs(manifests: Manifest[]): Array<{ name: string; spec: Manifest["spec"] }> {
  return manifests.flatMap((m) => {
    if (m.kind === "Pod") return [{ name: `Pod/${m.metadata.name}`, spec: m.spec }];
    if (["Deployment", "Job", "StatefulSet", "DaemonSet"].includes(m.kind)) {
      return [{ name: `${m.kind}/${m.metadata.name}`, spec: m.spec.template.spec }];
    }
    return [];
  });
}

export const PRODUCTION_VALUES = new URL("values-production.yaml", `file://${CHART}`).pathname;
