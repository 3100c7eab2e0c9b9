/**
 * Where the deployment tools are: on PATH, or in `$(go env GOPATH)/bin`
 * where `go install` puts Helm and kustomize.
 * @module
 */

export type ToolName = "helm" | "kustomize" | "promtool" | "go" | "checkov" | "kubernetes-validate";

const VERSION_ARGS: Record<ToolName, string[]> = {
  helm: ["version"],
  kustomize: ["version"],
  promtool: ["--version"],
  go: ["version"],
  checkov: ["--version"],
  "kubernetes-validate": ["--version"],
};

async function runs(path: string, args: string[]): Promise<boolean> {
  try {
    const output = await new Deno.Command(path, { args, stdout: "null", stderr: "null" }).output();
    return output.success;
  } catch {
    return false;
  }
}

async function goBin(): Promise<string | undefined> {
  try {
    const output = await new Deno.Command("go", { args: ["env", "GOPATH"], stderr: "null" })
      .output();
    return output.success ? `${new TextDecoder().decode(output.stdout).trim()}/bin` : undefined;
  } catch {
    return undefined;
  }
}

/** The tool's path, or undefined when it is not installed. */
export async function locateTool(name: ToolName): Promise<string | undefined> {
  if (await runs(name, VERSION_ARGS[name])) return name;
  const bin = await goBin();
  if (bin && await runs(`${bin}/${name}`, VERSION_ARGS[name])) return `${bin}/${name}`;
  return undefined;
}
