/**
 * Where the deployment tools are — on PATH, or in `$(go env GOPATH)/bin`
 * where `go install` puts Helm and kustomize — and how they are run.
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

/** Runs a tool; resolves with its exit code and output. */
export async function runTool(
  path: string,
  args: string[],
  options: { cwd?: string | URL } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(path, {
    args,
    stdout: "piped",
    stderr: "piped",
    ...(options.cwd ? { cwd: options.cwd } : {}),
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}
