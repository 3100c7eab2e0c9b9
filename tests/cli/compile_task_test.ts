/**
 * `deno task compile` builds a binary that carries everything the service
 * opens at run time — worker entry modules and data files located with
 * `new URL(…, import.meta.url)` — and leaves test-only workers out. Derived
 * from the sources, so a new worker or asset fails here until it is included.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

async function compileTask(): Promise<string[]> {
  const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))).tasks;
  return String(tasks.compile).split(/\s+/);
}

function includes(args: string[]): string[] {
  return args.flatMap((arg, i) => (arg === "--include" ? [args[i + 1]!] : []));
}

async function* productionSources(dir = ""): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(new URL(dir || ".", ROOT))) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory) {
      if (["tests", "bench", "node_modules", "dist", "data", "helm", "k8s", "ops"].includes(path)) {
        continue;
      }
      if (!entry.name.startsWith(".")) yield* productionSources(`${path}/`);
    } else if (
      path.endsWith(".ts") && !path.endsWith("_test.ts") && !path.startsWith("tasks/generate_")
    ) {
      yield path;
    }
  }
}

Deno.test("the compile task builds main.ts into dist/ with explicit permissions", async () => {
  const args = await compileTask();
  assert.equal(args[0], "deno");
  assert.equal(args[1], "compile");
  assert.equal(args.at(-1), "main.ts");
  assert.equal(args[args.indexOf("--output") + 1], "dist/logging-audit");
  assert.ok(!args.includes("--allow-all") && !args.includes("-A"));
});

Deno.test("every run-time file of production code is included; test workers are not", async () => {
  const included = includes(await compileTask());
  const covered = (path: string) =>
    included.some((inc) => inc.endsWith("/") ? path.startsWith(inc) : path === inc);
  const needed: string[] = [];
  for await (const file of productionSources()) {
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const match of text.matchAll(/new URL\("(\.{1,2}\/[^"]+)", import\.meta\.url\)/g)) {
      const resolved = new URL(match[1]!, new URL(file, ROOT)).href.slice(ROOT.href.length);
      needed.push(resolved);
    }
  }
  assert.ok(needed.includes("workers/task_worker.ts"), "the worker pool's entry module is found");
  for (const path of needed) {
    assert.ok(covered(path), `${path} is opened at run time: --include it`);
  }

  for await (const entry of Deno.readDir(new URL("workers/", ROOT))) {
    if (!entry.name.endsWith("_worker.ts")) continue;
    const path = `workers/${entry.name}`;
    if (/test/.test(entry.name)) assert.ok(!covered(path), `${path} is test-only: leave it out`);
    else assert.ok(covered(path), `${path} is a worker entry: --include it`);
  }
});
