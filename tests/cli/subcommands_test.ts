/**
 * Every sub-command of the one binary, run as an operator runs it —
 * `deno run <the compile task's permissions> main.ts <command>` — against the
 * real services: the compiled binary cannot be built on these machines
 * (`deno compile` cannot fetch its runtime), so this proves the same entry
 * point with the same permission set. (No command at all is `serve`: see
 * tests/integration/embedded_start_test.ts.)
 */
import assert from "node:assert/strict";
import { COMMANDS } from "../../tasks/commands.ts";
import { openPostgres } from "../support/databases.ts";
import { requireService } from "../support/services.ts";

const ROOT = new URL("../../", import.meta.url);
const postgresUrl = await requireService("postgres");
const opensearch = await requireService("opensearch");
const snapshotRoot = Deno.env.get("TEST_OPENSEARCH_SNAPSHOT_PATH");

/** The permission flags of `deno task compile`: what the binary is granted. */
async function compilePermissions(): Promise<string[]> {
  const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))).tasks;
  const flags = String(tasks.compile).split(/\s+/).filter((f) => f.startsWith("--allow-"));
  assert.ok(flags.length > 0, "the compile task grants permissions explicitly");
  assert.ok(!flags.includes("--allow-all"), "the binary is not granted everything");
  return flags;
}
const PERMISSIONS = await compilePermissions();

function command(args: string[], env: Record<string, string>) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, "main.ts", ...args],
    cwd: ROOT,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "/tmp",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  });
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const output = await command(args, env).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("--help lists every command of the table; unknown commands and bad usage exit 2", async () => {
  const help = await cli(["--help"]);
  assert.equal(help.code, 0);
  for (const name of ["serve", ...COMMANDS.map((c) => c.name)]) {
    assert.match(help.stdout, new RegExp(`^  ${name}\\b`, "m"), `${name} in --help`);
  }
  for (const c of COMMANDS) {
    const usage = await cli([c.name, "--help"]);
    assert.equal(usage.code, 0, c.name);
    assert.equal(usage.stdout.split("\n")[0], `usage: logging-audit ${c.usage}`);
  }
  const unknown = await cli(["frobnicate"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const bad = await cli(["migrate", "sideways"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /usage: logging-audit migrate up \| down <N> \| status/);
});

Deno.test("token and openapi", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "cli-token-" });
  try {
    const token = await cli(["token", "--role", "auditor", "--sub", "cli"], { DATA_DIR: dataDir });
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout.trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const refused = await cli(["token", "--role", "admin"], {
      DATA_DIR: dataDir,
      APP_ENV: "production",
      JWT_JWKS_URL: "https://idp.example/jwks",
      AUDIT_SIGNING_KEY: "unused",
      CURSOR_SIGNING_KEY: "x".repeat(32),
    });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing/);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
  const openapi = await cli(["openapi"]);
  assert.equal(openapi.code, 0, openapi.stderr);
  assert.equal(JSON.parse(openapi.stdout).openapi, "3.1.0");
});

Deno.test({
  name: "migrate up | status | down N, verify-audit, seed-logs, serve and healthcheck on Postgres",
  ignore: !postgresUrl,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    await using db = await openPostgres(postgresUrl!);
    const env = { DATABASE_URL: db.url!, DATA_DIR: await Deno.makeTempDir() };
    try {
      await t.step("migrate", async () => {
        const up = await cli(["migrate", "up"], env);
        assert.equal(up.code, 0, up.stderr);
        assert.match(up.stderr, /\d+ migration\(s\) applied/);
        const status = await cli(["migrate", "status"], env);
        const lines = status.stdout.trim().split("\n");
        assert.ok(
          lines.length >= 5 && lines.every((l) => /^\d{4} {2}applied /.test(l)),
          status.stdout,
        );
        const down = await cli(["migrate", "down", "1"], env);
        assert.equal(down.code, 0, down.stderr);
        assert.match(down.stderr, /1 migration\(s\) reverted/);
        const after = await cli(["migrate", "status"], env);
        assert.match(after.stdout.trim().split("\n").at(-1)!, /^\d{4} {2}pending /);
        assert.equal((await cli(["migrate", "up"], env)).code, 0);
      });

      await t.step("verify-audit on the empty trail", async () => {
        const verified = await cli(["verify-audit"], env);
        assert.equal(verified.code, 0, verified.stderr + verified.stdout);
        assert.match(verified.stdout, /^INTACT {2}0 events/);
      });

      await t.step("seed-logs", async () => {
        const seeded = await cli(["seed-logs", "--count", "60", "--hours", "2"], env);
        assert.equal(seeded.code, 0, seeded.stderr);
        assert.match(seeded.stdout, /done: 60 created, 0 refused/);
      });

      await t.step("serve, healthcheck, stop on SIGTERM", async () => {
        const child = command(["serve"], { ...env, PORT: "0", LOG_LEVEL: "info" }).spawn();
        const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        let seen = "";
        let url: string | undefined;
        try {
          while (!url) {
            const { value, done } = await reader.read();
            if (done) throw new Error(`serve ended early:\n${seen}`);
            seen += value;
            url = /"starting on (http:\/\/[^"]+)"/.exec(seen)?.[1];
          }
          let ready = await cli(["healthcheck", "--url", `${url}/health/ready`]);
          for (let i = 0; i < 60 && ready.code !== 0; i++) {
            await new Promise((r) => setTimeout(r, 250));
            ready = await cli(["healthcheck", "--url", `${url}/health/ready`]);
          }
          assert.equal(ready.code, 0, ready.stderr);
          assert.match(ready.stdout, /^ready: /);
        } finally {
          child.kill("SIGTERM");
          const status = await child.status;
          await reader.cancel().catch(() => {});
          await child.stderr.cancel();
          assert.equal(status.code, 0, "a clean shutdown");
        }
        const gone = await cli([
          "healthcheck",
          "--url",
          `${url}/health/ready`,
          "--timeout-ms",
          "500",
        ]);
        assert.equal(gone.code, 1);
        assert.match(gone.stderr, /^not ready: /);
      });
    } finally {
      await Deno.remove(env.DATA_DIR, { recursive: true });
    }
  },
});

Deno.test({
  name: "setup-es with a snapshot repository, then verify-backup --restore with a metrics file",
  ignore: !opensearch || !snapshotRoot,
  sanitizeResources: false,
  async fn() {
    const id = `cli${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
    const index = `${id}-events`;
    const env = {
      ELASTICSEARCH_URL: opensearch!,
      SEARCH_ENGINE: "opensearch",
      LOG_NAMESPACE: id,
      SNAPSHOT_REPOSITORY: id,
      SNAPSHOT_REPOSITORY_TYPE: "fs",
      SNAPSHOT_REPOSITORY_SETTINGS: JSON.stringify({ location: `${snapshotRoot}/${id}` }),
      SNAPSHOT_INDICES: index,
    };
    const request = (method: string, path: string, body?: unknown) =>
      fetch(`${opensearch}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const metricsFile = await Deno.makeTempFile({ suffix: ".prom" });
    try {
      const setup = await cli(["setup-es"], env);
      assert.equal(setup.code, 0, setup.stderr + setup.stdout);
      assert.match(setup.stdout, new RegExp(`snapshot repository ${id} \\(fs\\) registered`));
      assert.match(setup.stdout, /the service takes snapshots at 01:30 UTC every 24 h/);

      await request("PUT", `/${index}`, {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
      });
      for (let i = 0; i < 7; i++) await request("POST", `/${index}/_doc?refresh=true`, { n: i });
      const snap = await request("PUT", `/_snapshot/${id}/${id}-1?wait_for_completion=true`, {
        indices: index,
        include_global_state: false,
      });
      assert.equal(snap.status, 200);

      const verified = await cli(
        ["verify-backup", "--restore", "--json", "--metrics-file", metricsFile],
        env,
      );
      assert.equal(verified.code, 0, verified.stderr + verified.stdout);
      const report = JSON.parse(verified.stdout);
      assert.equal(report.ok, true);
      assert.match(report.checks.at(-1).detail, /7 documents, live 7 \(equal\)/);
      const metrics = await Deno.readTextFile(metricsFile);
      assert.match(metrics, new RegExp(`backup_verification_success\\{repository="${id}"\\} 1`));
      assert.match(metrics, /backup_last_verified_timestamp_seconds\{repository="[^"]+"\} \d+/);

      const stale = await cli(["verify-backup", "--max-age-hours", "0.00001"], env);
      assert.equal(stale.code, 1);
      assert.match(stale.stdout, /FAILED {2}recent: /);
    } finally {
      await request("DELETE", `/${index}`);
      for (const stream of ["app", "error", "security", "audit"]) {
        await request("DELETE", `/_data_stream/logs-${stream}-${id}`).catch(() => {});
      }
      await request("DELETE", `/_snapshot/${id}/${id}-1`);
      await request("DELETE", `/_snapshot/${id}`);
      await Deno.remove(`${snapshotRoot}/${id}`, { recursive: true }).catch(() => {});
      await Deno.remove(metricsFile);
    }
  },
});
