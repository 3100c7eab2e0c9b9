/**
 * The layer rule of the house style, checked: `domain/` imports no framework,
 * driver, npm/node package or other layer, and touches no `Deno.*` API; and
 * `routes/` holds no SQL, search-engine client or import of `infra/`; `workers/` import neither
 * `infra/` nor `routes/`. Exits 1 listing offenders.
 */
const RULES: { dir: string; forbidden: RegExp; why: string }[] = [
  {
    dir: "domain",
    forbidden:
      /from\s+["'](?:npm:|node:|jsr:|https?:|hono|@hono|zod|postgres|@elastic|@opensearch|@upstash|jose|prom-client|cockatiel|p-retry|@electric-sql|(?:\.\.\/)+(?:infra|routes|workers)\/)|\bDeno\./,
    why: "domain/ must stay pure: no frameworks, drivers, other layers or Deno APIs",
  },
  {
    dir: "routes",
    forbidden:
      /from\s+["'](?:postgres|@elastic|@opensearch|@upstash|@electric-sql|(?:\.\.\/)+(?:infra|composition)\/)|\bsql`/,
    why: "routes/ is HTTP only: no SQL, engine clients or adapters (it takes ports from domain/)",
  },
  {
    dir: "workers",
    forbidden: /from\s+["'](?:\.\.\/)+(?:infra|routes)\//,
    why: "workers/ run domain code only: the dependency runs infra -> workers, never back",
  },
];

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) yield path;
  }
}

let problems = 0;
for (const rule of RULES) {
  try {
    await Deno.stat(rule.dir);
  } catch {
    continue;
  }
  for await (const file of sourceFiles(rule.dir)) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    lines.forEach((line, i) => {
      if (rule.forbidden.test(line)) {
        problems++;
        console.error(`${file}:${i + 1}: ${line.trim()}\n  ${rule.why}`);
      }
    });
  }
}
if (problems > 0) Deno.exit(1);
console.log("layers: ok");
