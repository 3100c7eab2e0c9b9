/**
 * The layer rule of the house style, checked: `domain/` imports nothing but
 * other domain files and the one audited package allowed there
 * (`@noble/hashes`, synchronous SHA-256/HMAC), and touches no `Deno.*` API;
 * `routes/` holds no SQL, search-engine client or import of `infra/`;
 * `workers/` import neither `infra/` nor `routes/`. Exits 1 listing offenders.
 */
const IMPORT = String.raw`(?:from\s+|import\s*\(\s*)["']`;

/** The rules, each a directory and what its files may not contain. */
export const LAYER_RULES: readonly { dir: string; forbidden: RegExp; why: string }[] = [
  {
    dir: "domain",
    forbidden: new RegExp(
      String
        .raw`${IMPORT}(?!\.{1,2}\/|@noble\/hashes\/)|${IMPORT}(?:\.\.\/)+(?:infra|routes|workers|composition)\/|\bDeno\.`,
    ),
    why: "domain/ must stay pure: no packages (but @noble/hashes), other layers or Deno APIs",
  },
  {
    dir: "routes",
    forbidden: new RegExp(
      String
        .raw`${IMPORT}(?:postgres|@elastic|@opensearch|@upstash|@electric-sql|(?:\.\.\/)+(?:infra|composition)\/)|\bsql\x60`,
    ),
    why: "routes/ is HTTP only: no SQL, engine clients or adapters (it takes ports from domain/)",
  },
  {
    dir: "workers",
    forbidden: new RegExp(String.raw`${IMPORT}(?:\.\.\/)+(?:infra|routes)\/`),
    why: "workers/ run domain code only: the dependency runs infra -> workers, never back",
  },
];

/** The offending lines of `source` under `rule`, with their line numbers. */
export function layerViolations(
  source: string,
  rule: (typeof LAYER_RULES)[number],
): { line: number; text: string }[] {
  return source.split("\n").flatMap((text, i) =>
    rule.forbidden.test(text) ? [{ line: i + 1, text: text.trim() }] : []
  );
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) yield path;
  }
}

async function main(): Promise<void> {
  let problems = 0;
  for (const rule of LAYER_RULES) {
    try {
      await Deno.stat(rule.dir);
    } catch {
      continue;
    }
    for await (const file of sourceFiles(rule.dir)) {
      for (const { line, text } of layerViolations(await Deno.readTextFile(file), rule)) {
        problems++;
        console.error(`${file}:${line}: ${text}\n  ${rule.why}`);
      }
    }
  }
  if (problems > 0) Deno.exit(1);
  console.log("layers: ok");
}

if (import.meta.main) await main();
