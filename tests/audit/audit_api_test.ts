/**
 * The audit HTTP API on both engines: appends with per-item problems,
 * idempotent retries, fail-closed 503, role checks (own trail vs any),
 * trail pagination and summary, reads and denials recorded as audit events,
 * verification, checkpoints and the published key.
 */
import assert from "node:assert/strict";
import * as jose from "jose";
import { type AuditDeps, recordAccessDenied } from "../../domain/audit/mod.ts";
import type { Role } from "../../domain/access/mod.ts";
import { createPostgresAuditStore } from "../../infra/postgres/audit/audit_store.ts";
import { nativeSha256Hex } from "../../infra/crypto/native_sha256.ts";
import { createSql, type Sql } from "../../infra/postgres/mod.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { buildTestApp } from "../support/test_app.ts";
import { authHeader } from "../support/tokens.ts";
import { auditDeps, newId, resetAuditSchema, tamper } from "./audit_fixture.ts";

const MAX_BATCH = 5;

function event(overrides: Record<string, unknown> = {}) {
  return {
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    actor: { id: "u-1", type: "user", ip: "192.0.2.10", user_agent: "curl/8" },
    action: "document.update",
    action_type: "update",
    resource: { type: "document", id: "doc-1" },
    outcome: "success",
    changes: { before: { title: "a" }, after: { title: "b" } },
    metadata: { source: "test" },
    ...overrides,
  };
}

async function appWith(deps: AuditDeps) {
  const { app } = await buildTestApp({
    audit: deps,
    onDenied: (denial) => recordAccessDenied(deps, denial),
  });
  return app;
}

type App = Awaited<ReturnType<typeof appWith>>;

async function call(
  app: App,
  method: string,
  path: string,
  options: { role?: Role; sub?: string; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = options.role
    ? await authHeader(options.role, { sub: options.sub ?? `${options.role}-1` })
    : {};
  if (options.body !== undefined || options.raw !== undefined) {
    headers["content-type"] = "application/json";
  }
  const response = await app.request(path, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: text ? JSON.parse(text) : null,
  };
}

async function countRows(sql: Sql, where = sql`true`): Promise<number> {
  const [row] = await sql<{ n: string }[]>`select count(*) as n from audit_log where ${where}`;
  return Number(row?.n);
}

await testOnEachDatabase("audit API", async (db, t) => {
  const sql = db.sql;
  await resetAuditSchema(sql);
  const deps = await auditDeps(sql, { maxBatch: MAX_BATCH });
  const app = await appWith(deps);
  const post = (body: unknown, role: Role = "service") =>
    call(app, "POST", "/api/v1/audit/events", { role, body });

  await t.step("one event: 201 with its seq and hash", async () => {
    const res = await post(event());
    assert.equal(res.status, 201);
    assert.equal(res.body.accepted, 1);
    assert.deepEqual(
      { status: res.body.results[0].status, seq: res.body.results[0].seq },
      { status: "created", seq: 1 },
    );
    assert.match(res.body.results[0].hash, /^[0-9a-f]{64}$/);
  });

  await t.step(
    "batch with bad items: 207, a problem per bad item, only good ones stored",
    async () => {
      const before = await countRows(sql);
      const res = await post({
        events: [
          event({ action: "document.read", action_type: "read" }),
          event({ actor: undefined }),
          event({ action_type: "teleport" }),
          event({ occurred_at: new Date(Date.now() + 3_600_000).toISOString() }),
          event({ metadata: { note: "nul\u0000byte" } }),
        ],
      });
      assert.equal(res.status, 207);
      assert.deepEqual(
        res.body.results.map((
          r: { status: string; problem?: { code: string; status: number } },
        ) => r.problem ? [r.problem.code, r.problem.status] : r.status),
        [
          "created",
          ["AUDIT_EVENT_INVALID", 400],
          ["AUDIT_UNKNOWN_ACTION_TYPE", 400],
          ["AUDIT_TIMESTAMP_IN_FUTURE", 400],
          ["AUDIT_EVENT_INVALID", 400],
        ],
      );
      assert.equal(res.body.results[1].problem.errors[0].path, "body.events[1].actor");
      assert.equal(await countRows(sql), before + 1);
    },
  );

  await t.step("malformed single events get their own 4xx problem", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ action_type: "teleport" }, "AUDIT_UNKNOWN_ACTION_TYPE"],
      [
        { occurred_at: new Date(Date.now() + 86_400_000).toISOString() },
        "AUDIT_TIMESTAMP_IN_FUTURE",
      ],
      [{ occurred_at: "2026-01-01T10:00:00" }, "AUDIT_EVENT_INVALID"], // no UTC offset
      [{ occurred_at: "2000-01-01T00:00:00Z" }, "AUDIT_EVENT_INVALID"], // older than retention
      [{ action: "Document Update" }, "AUDIT_EVENT_INVALID"],
      [{ actor: { id: "u-1", type: "robot" } }, "AUDIT_EVENT_INVALID"],
      [{ actor: { id: "u-1", type: "user", ip: "999.1.1.1" } }, "AUDIT_EVENT_INVALID"],
      [{ id: "not-a-uuid" }, "AUDIT_EVENT_INVALID"],
      [{ extra: true }, "AUDIT_EVENT_INVALID"],
      [{ reason: "\ud800" }, "JSON_NOT_INTERCHANGEABLE"],
    ];
    const before = await countRows(sql);
    for (const [overrides, code] of cases) {
      const res = await post(event(overrides));
      assert.equal(res.status, 400, JSON.stringify(overrides));
      assert.equal(res.type, "application/problem+json");
      assert.equal(res.body.code, code, JSON.stringify(overrides));
    }
    assert.equal(await countRows(sql), before);
    const malformed = await call(app, "POST", "/api/v1/audit/events", {
      role: "service",
      raw: "{oops",
    });
    assert.equal(malformed.status, 400);
  });

  await t.step("oversized batch: 413, nothing stored", async () => {
    const before = await countRows(sql);
    const res = await post({ events: Array.from({ length: MAX_BATCH + 1 }, () => event()) });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, "AUDIT_BATCH_TOO_LARGE");
    assert.equal(await countRows(sql), before);
  });

  await t.step(
    "retry with the same ids stores nothing new; a reused id is a conflict",
    async () => {
      const ids = [newId(), newId()];
      const batch = { events: ids.map((id) => event({ id })) };
      const first = await post(batch);
      const before = await countRows(sql);
      const retry = await post(batch);
      assert.equal(retry.status, 201);
      assert.deepEqual(retry.body.results.map((r: { status: string }) => r.status), [
        "duplicate",
        "duplicate",
      ]);
      assert.deepEqual(
        retry.body.results.map((r: { seq: number }) => r.seq),
        first.body.results.map((r: { seq: number }) => r.seq),
      );
      assert.equal(await countRows(sql), before);
      const clash = await post(event({ id: ids[0], outcome: "failure" }));
      assert.equal(clash.status, 409);
      assert.equal(clash.body.code, "AUDIT_DUPLICATE_CONFLICT");
    },
  );

  await t.step(
    "store unavailable: 503 with a code, and the retry stores the event once",
    async () => {
      const dead = createSql({
        kind: "url",
        url: "postgres://u:p@127.0.0.1:9/none",
        poolMax: 1,
      });
      const deadApp = await appWith({
        ...deps,
        store: createPostgresAuditStore(dead, { sha256: nativeSha256Hex }),
      });
      const body = event({ id: newId() });
      const failed = await call(deadApp, "POST", "/api/v1/audit/events", {
        role: "service",
        body,
      });
      assert.equal(failed.status, 503);
      assert.equal(failed.body.code, "AUDIT_STORE_UNAVAILABLE");
      await dead.end({ timeout: 0 });
      const before = await countRows(sql);
      assert.equal((await post(body)).body.results[0].status, "created");
      assert.equal((await post(body)).body.results[0].status, "duplicate");
      assert.equal(await countRows(sql), before + 1);
    },
  );

  await t.step(
    "roles: refused appends and other users' trails are 403 and audited",
    async () => {
      const viewer = await post(event(), "viewer");
      assert.equal(viewer.status, 403);
      const own = await call(app, "GET", "/api/v1/audit/trail/dev-7", {
        role: "developer",
        sub: "dev-7",
      });
      assert.equal(own.status, 200);
      const other = await call(app, "GET", "/api/v1/audit/trail/u-1", {
        role: "developer",
        sub: "dev-7",
      });
      assert.equal(other.status, 403);
      const auditor = await call(app, "GET", "/api/v1/audit/trail/u-1", { role: "auditor" });
      assert.equal(auditor.status, 200);
      const denials = await sql<{ actor_id: string; resource_id: string; outcome: string }[]>`
          select actor_id, resource_id, outcome from audit_log where action = 'access.denied' order by seq`;
      assert.deepEqual([...denials], [
        { actor_id: "viewer-1", resource_id: "POST /api/v1/audit/events", outcome: "denied" },
        { actor_id: "dev-7", resource_id: "GET /api/v1/audit/trail/u-1", outcome: "denied" },
      ]);
    },
  );

  await t.step(
    "trail: filters, keyset pages, summary over the whole range, reads recorded",
    async () => {
      await resetAuditSchema(sql);
      const types = ["create", "read", "read", "update", "delete", "read", "export"];
      const base = Date.now() - 3_600_000;
      const trail = types.map((type, i) =>
        event({
          action: `doc.${type}`,
          action_type: type,
          occurred_at: new Date(base + i * 1000).toISOString(),
        })
      );
      await post({ events: trail.slice(0, 5) });
      await post({ events: trail.slice(5) });
      await post(event({ actor: { id: "u-2", type: "user" } }));
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `page_size=3${cursor ? `&cursor=${cursor}` : ""}`;
        const res = await call(app, "GET", `/api/v1/audit/trail/u-1?${query}`, {
          role: "auditor",
        });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.summary, {
          total: 7,
          by_action_type: { create: 1, delete: 1, export: 1, read: 3, update: 1 },
        });
        seen.push(...res.body.items.map((e: { seq: number }) => e.seq));
        cursor = res.body.next_cursor;
        pages++;
      } while (cursor);
      assert.deepEqual(seen, [7, 6, 5, 4, 3, 2, 1]);
      assert.equal(pages, 3);

      const reads = await call(app, "GET", "/api/v1/audit/trail/u-1?action_type=read", {
        role: "auditor",
      });
      assert.deepEqual(reads.body.items.map((e: { seq: number }) => e.seq), [6, 3, 2]);
      assert.equal(reads.body.summary.total, 3);
      const ranged = await call(
        app,
        "GET",
        `/api/v1/audit/trail/u-1?from=${new Date(base + 2000).toISOString()}&to=${
          new Date(base + 4000).toISOString()
        }`,
        { role: "auditor" },
      );
      assert.deepEqual(ranged.body.items.map((e: { seq: number }) => e.seq), [4, 3]);

      const first = await call(app, "GET", "/api/v1/audit/trail/u-1?page_size=2", {
        role: "auditor",
      });
      const foreign = await call(
        app,
        "GET",
        `/api/v1/audit/trail/u-1?page_size=2&action_type=read&cursor=${first.body.next_cursor}`,
        { role: "auditor" },
      );
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.code, "AUDIT_CURSOR_INVALID");
      // The cursor is signed and bound to its caller: an edited seq or another
      // caller's replay is refused, never a page outside what was asked.
      const [payload, mac] = (first.body.next_cursor as string).split(".");
      const forgedSeq = btoa(JSON.stringify({ v: 1, s: 7, exp: 9_999_999_999 }))
        .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
      for (
        const [cursor, sub] of [
          [`${forgedSeq}.${mac}`, "auditor-1"],
          [`${payload}.${mac}`, "auditor-2"],
        ] as const
      ) {
        const replay = await call(
          app,
          "GET",
          `/api/v1/audit/trail/u-1?page_size=2&cursor=${cursor}`,
          {
            role: "auditor",
            sub,
          },
        );
        assert.equal(replay.status, 400);
        assert.equal(replay.body.code, "AUDIT_CURSOR_INVALID");
      }
      const inverted = await call(
        app,
        "GET",
        `/api/v1/audit/trail/u-1?from=${new Date(base + 4000).toISOString()}&to=${
          new Date(base).toISOString()
        }`,
        { role: "auditor" },
      );
      assert.equal(inverted.status, 400);

      const recorded = await sql<{ actor_id: string; resource_id: string; rows: number }[]>`
          select actor_id, resource_id, (metadata->>'rows')::int as rows from audit_log
           where action = 'audit.read' order by seq limit 4`;
      assert.deepEqual([...recorded], [
        { actor_id: "auditor-1", resource_id: "u-1", rows: 3 },
        { actor_id: "auditor-1", resource_id: "u-1", rows: 3 },
        { actor_id: "auditor-1", resource_id: "u-1", rows: 1 },
        { actor_id: "auditor-1", resource_id: "u-1", rows: 3 },
      ]);
    },
  );

  await t.step(
    "export: auditors only; CSV guards formula cells and records the export",
    async () => {
      await post(
        event({
          reason: '=HYPERLINK("http://evil.example")',
          actor: { id: "u-9", type: "user" },
        }),
      );
      const refused = await call(app, "GET", "/api/v1/audit/export?format=csv", {
        role: "developer",
      });
      assert.equal(refused.status, 403);
      const response = await app.request("/api/v1/audit/export?format=csv&user_id=u-9", {
        headers: await authHeader("auditor"),
      });
      assert.equal(response.status, 200);
      assert.match(
        response.headers.get("content-disposition")!,
        /attachment; filename="audit-export-.*\.csv"/,
      );
      const csv = await response.text();
      const lines = csv.split("\r\n");
      assert.equal(lines.length, 3); // header, one event, final CRLF
      assert.ok(lines[1]!.includes(`"'=HYPERLINK(""http://evil.example"")"`), lines[1]);
      assert.equal(await countRows(sql, sql`action = 'audit.export'`), 2);
      const badFormat = await call(app, "GET", "/api/v1/audit/export?format=xlsx", {
        role: "auditor",
      });
      assert.equal(badFormat.status, 400);
    },
  );

  await t.step(
    "verify: ok, then the first break after tampering; each run recorded",
    async () => {
      const ok = await call(app, "GET", "/api/v1/audit/verify", { role: "auditor" });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.ok, true);
      await tamper(
        sql,
        (tx) => tx`update audit_log set actor_id = 'someone-else' where seq = 3`,
      );
      const broken = await call(app, "GET", "/api/v1/audit/verify", { role: "auditor" });
      assert.equal(broken.body.ok, false);
      assert.deepEqual(
        { seq: broken.body.first_break.seq, kind: broken.body.first_break.kind },
        { seq: 3, kind: "edited" },
      );
      const outcomes = await sql<{ outcome: string }[]>`
          select outcome from audit_log where action = 'audit.verify' order by seq`;
      assert.deepEqual(
        outcomes.map((r) => r.outcome),
        ["success", "failure"],
      );
      const developer = await call(app, "GET", "/api/v1/audit/verify", { role: "developer" });
      assert.equal(developer.status, 403);
    },
  );

  await t.step(
    "checkpoints: created on demand, listed, fetched, verifiable with the published key",
    async () => {
      await resetAuditSchema(sql);
      await post(event());
      const refused = await call(app, "POST", "/api/v1/audit/checkpoints", { role: "auditor" });
      assert.equal(refused.status, 403);
      const created = await call(app, "POST", "/api/v1/audit/checkpoints", { role: "admin" });
      assert.equal(created.status, 201);
      assert.equal(created.body.head_seq, 2); // the event, then the refused request's denial
      const list = await call(app, "GET", "/api/v1/audit/checkpoints", { role: "auditor" });
      assert.deepEqual(list.body.items.map((c: { id: number }) => c.id), [created.body.id]);
      const one = await call(app, "GET", `/api/v1/audit/checkpoints/${created.body.id}`, {
        role: "auditor",
      });
      assert.deepEqual(one.body, created.body);
      const missing = await call(app, "GET", "/api/v1/audit/checkpoints/999", {
        role: "auditor",
      });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, "AUDIT_CHECKPOINT_NOT_FOUND");

      const jwks = await call(app, "GET", "/api/v1/audit/signing-keys"); // no token: public
      assert.equal(jwks.status, 200);
      const key = await jose.importJWK(jwks.body.keys[0], "EdDSA");
      const { payload, protectedHeader } = await jose.compactVerify(created.body.jws, key);
      assert.equal(protectedHeader.kid, created.body.key_id);
      const statement = JSON.parse(new TextDecoder().decode(payload));
      assert.deepEqual(
        { seq: statement.seq, hash: statement.hash },
        { seq: 2, hash: created.body.head_hash },
      );
      assert.equal(await countRows(sql, sql`action = 'audit.checkpoint'`), 1);
    },
  );

  await deps.close();
});
