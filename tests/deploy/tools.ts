/**
 * The deployment tools the deploy tests run: Helm 4 and kustomize (built with
 * `go install`, found on PATH or in `$(go env GOPATH)/bin`). Like the test
 * services, a missing tool skips its tests loudly on a developer's machine
 * and fails them in CI, where `.ci/run` installs both.
 * @module
 */
import { isCi } from "../support/services.ts";
import { locateTool, runTool, type ToolName } from "../../tasks/deploy/tool_paths.ts";

export type { ToolName };
/** Runs a tool; resolves with its exit code and output. */
export const run = runTool;

const found = new Map<ToolName, Promise<string | undefined>>();

/** The tool's path, or undefined (with one SKIPPED line) outside CI; throws in CI. */
export async function requireTool(name: ToolName): Promise<string | undefined> {
  let probe = found.get(name);
  if (!probe) {
    probe = locateTool(name);
    found.set(name, probe);
    const path = await probe;
    if (!path) {
      const message = `${name} is not installed — .ci/run installs it (go install …)`;
      if (isCi()) throw new Error(`CI=true and a deploy tool is missing: ${message}`);
      console.error(`SKIPPED (${message})`);
    }
  }
  return await probe;
}
