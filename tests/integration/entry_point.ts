/**
 * The real entry point (`main.ts`) in a child process, as the shutdown tests
 * run it: only the environment given (plus PATH and HOME), its log kept and
 * drained so the child never blocks on a full pipe.
 * @module
 */

const ROOT = new URL("../../", import.meta.url);

/** A started `main.ts`: the process, its URL, the tail of its log, and the end of that log. */
export interface EntryPoint {
  readonly child: Deno.ChildProcess;
  readonly url: string;
  readonly log: { text: string };
  readonly drained: Promise<void>;
}

/** Starts `main.ts` on a free port; resolves once `/health/ready` answers 200. */
export async function startEntryPoint(env: Record<string, string>): Promise<EntryPoint> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "main.ts"],
    cwd: ROOT,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "/tmp",
      PORT: "0",
      LOG_LEVEL: "info",
      ...env,
    },
    clearEnv: true,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const log = { text: "" };
  let url: string | undefined;
  while (!url) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the service exited before listening:\n${log.text}`);
    log.text += value;
    url = /"starting on (http:\/\/[^"]+)"/.exec(log.text)?.[1];
  }
  const drained = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      log.text = (log.text + value).slice(-50_000);
    }
  })().catch(() => {});
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${url}/health/ready`).catch(() => undefined);
    await ready?.body?.cancel();
    if (ready?.status === 200) return { child, url, log, drained };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready in 30 s:\n${log.text}`);
}
