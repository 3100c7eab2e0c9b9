/**
 * Runs every benchmark, one process each (so one's memory and JIT state do
 * not colour the next), and passes their tables through:
 *
 *   deno task bench                    all of them
 *   deno task bench masking audit      some of them
 *
 * Each benchmark compares our path with a plain baseline in the same run;
 * see the README for the figures and what they mean. The audit and log-search
 * benchmarks use the services of `deno task services` when they run.
 */
const BENCHES: Record<string, string> = {
  masking: "bench/masking_bench.ts",
  audit: "bench/audit_bench.ts",
  "log-search": "bench/log_search_bench.ts",
  cache: "bench/cache_bench.ts",
  alerts: "bench/alerts_bench.ts",
  reports: "bench/report_bench.ts",
};

const chosen = Deno.args.length > 0 ? Deno.args : Object.keys(BENCHES);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`,
  );
  Deno.exit(2);
}

let failed = 0;
for (const [index, name] of chosen.entries()) {
  console.log(`\n=== [${index + 1}/${chosen.length}] ${name} (${BENCHES[name]}) ===`);
  const started = performance.now();
  const status = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", BENCHES[name]!],
    stdout: "inherit",
    stderr: "inherit",
  }).spawn().status;
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`=== ${name}: ${status.success ? "done" : "FAILED"} in ${seconds} s ===`);
  if (!status.success) failed++;
}
Deno.exit(failed === 0 ? 0 : 1);
