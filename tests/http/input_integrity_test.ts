/**
 * Input integrity against the running service, on the embedded database and
 * on real Postgres: what the service cannot store exactly is refused with a
 * 400 problem naming the field — never stored altered, never a 500 or a 503
 * — one bad log event never fails its batch, and a refused request is in the
 * audit trail whatever it contained.
 */
import assert from "node:assert/strict";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { type RunningService, startService } from "../../main.ts";
import { databaseEngines } from "../support/databases.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";

const engines = await databaseEngines();

interface Answer {
  readonly status: number;
  readonly type: string | null;
  // deno-lint-ignore no-explicit-any
  readonly body: any;
  readonly text: string;
}

async function withService(
  engine: (typeof engines)[number],
  fn: (call: Caller) => Promise<void>,
): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix: "input-integrity-" });
  const db = engine.name === "postgres" ? await engine.open() : undefined;
  let service: RunningService | undefined;
  try {
    service = await startService(
      parseConfig({
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: "0",
        ...TEST_JWT_SETTINGS,
        ...(db ? { DATABASE_URL: db.url! } : {}),
      }),
      createLogger({ level: "fatal", serviceName: "test" }),
    );
    await fn(caller(service.url));
  } finally {
    await service?.stop();
    await db?.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

type Caller = (
  path: string,
  init?: { role?: "admin" | "service" | "viewer" | "auditor"; sub?: string } & RequestInit,
) => Promise<Answer>;

function caller(base: string): Caller {
  return async (path, init = {}) => {
    const { role = "admin", sub, ...request } = init;
    const response = await fetch(`${base}${path}`, {
      ...request,
      headers: {
        ...await authHeader(role, { sub: sub ?? `${role}-1`, services: ["*"] }),
        "content-type": "application/json",
        ...(request.headers as Record<string, string> | undefined),
      },
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = JSON.parse(text);
    } catch { /* a stream or an empty body */ }
    return { status: response.status, type: response.headers.get("content-type"), body, text };
  };
}

function assertProblem(answer: Answer, status: number, code: string, field?: string) {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.type, "application/problem+json");
  assert.equal(answer.body.code, code, answer.text);
  if (field) {
    const paths = (answer.body.errors ?? []).map((e: { path: string }) => e.path);
    assert.ok(paths.includes(field), `${field} named in ${JSON.stringify(paths)}`);
  }
  assert.ok(answer.text.length < 8_192, "an error body never echoes unbounded input");
}

const auditEvent = (extra: Record<string, unknown> = {}) => ({
  occurred_at: new Date().toISOString(),
  actor: { id: "u-1", type: "user" },
  action: "document.read",
  action_type: "read",
  resource: { type: "document", id: "d-1" },
  outcome: "success",
  ...extra,
});

/** The audit events of the trail, as an auditor exports them. */
async function exported(call: Caller, query = ""): Promise<Record<string, unknown>[]> {
  const answer = await call(`/api/v1/audit/export?format=ndjson${query}`, { role: "auditor" });
  assert.equal(answer.status, 200, answer.text);
  return answer.text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

for (const engine of engines) {
  Deno.test({
    name: `[${engine.name}] input integrity: refused, not altered; per item; denials recorded`,
    ignore: !engine.available,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      await withService(engine, async (call) => {
        const append = (body: string | Uint8Array<ArrayBuffer>) =>
          call("/api/v1/audit/events", { role: "service", method: "POST", body });
        const appendText = (text: string) => append(text);

        await t.step(
          "audit: numbers JSON.parse would change are refused, naming the field",
          async () => {
            const base = JSON.stringify(auditEvent()).slice(0, -1);
            for (
              const [literal, field] of [
                ["9007199254740993", "body.metadata.n"],
                ["-9007199254740993", "body.metadata.n"],
                ["1e400", "body.metadata.n"],
                ["-1e400", "body.metadata.n"],
                ["1e-400", "body.metadata.n"],
              ]
            ) {
              assertProblem(
                await appendText(`${base},"metadata":{"n":${literal}}}`),
                400,
                "JSON_NOT_INTERCHANGEABLE",
                field,
              );
            }
            assertProblem(
              await appendText(
                `{"events":[${base},"changes":{"after":{"n":12345678901234567890}}}]}`,
              ),
              400,
              "JSON_NOT_INTERCHANGEABLE",
              "body.events[0].changes.after.n",
            );
          },
        );

        await t.step(
          "audit: repeated member names and unpaired surrogates are refused",
          async () => {
            const base = JSON.stringify(auditEvent()).slice(0, -1);
            assertProblem(
              await appendText(`${base},"reason":"a","reason":"b"}`),
              400,
              "JSON_NOT_INTERCHANGEABLE",
              "body.reason",
            );
            assertProblem(
              await appendText(`${base},"metadata":{"k":1,"k":1}}`),
              400,
              "JSON_NOT_INTERCHANGEABLE",
              "body.metadata.k",
            );
            assertProblem(
              await appendText(`${base},"reason":"\\ud800x"}`),
              400,
              "JSON_NOT_INTERCHANGEABLE",
              "body.reason",
            );
          },
        );

        await t.step("audit: bytes that are not UTF-8 are refused, not replaced", async () => {
          const [head, tail] = JSON.stringify(auditEvent({ reason: "@@" })).split("@@");
          const answer = await append(
            concat(utf8(head!), new Uint8Array([0xff, 0xfe]), utf8(tail!)),
          );
          assertProblem(answer, 400, "INVALID_UTF8");
        });

        await t.step(
          "audit: NUL and finer-than-millisecond times are refused per item",
          async () => {
            const batch = await appendText(JSON.stringify({
              events: [
                auditEvent({ reason: "nul\u0000here" }),
                auditEvent({ occurred_at: "2026-12-01T10:00:00.1234Z" }),
                auditEvent({ metadata: { "k\u0000": 1 } }),
              ],
            }));
            assert.equal(batch.status, 207, batch.text);
            assert.equal(batch.body.accepted, 0);
            assert.deepEqual(
              batch.body.results.map((
                r: { problem: { code: string; errors: { path: string }[] } },
              ) => [r.problem.code, r.problem.errors[0]!.path]),
              [
                ["AUDIT_EVENT_INVALID", "body.events[0].reason"],
                ["AUDIT_EVENT_INVALID", "body.events[1].occurred_at"],
                ["AUDIT_EVENT_INVALID", "body.events[2].metadata"],
              ],
            );
          },
        );

        await t.step("audit: nothing refused above was stored", async () => {
          const events = await exported(call, "&action=document.read");
          assert.deepEqual(events, []);
        });

        await t.step("audit: null optional fields, and an exported event sent again", async () => {
          const created = await appendText(JSON.stringify(auditEvent({
            tenant_id: null,
            reason: null,
            request_id: null,
            trace_id: null,
            changes: null,
            actor: { id: "u-1", type: "user", ip: null, user_agent: null },
            resource: { type: "document", id: null },
            metadata: { big: "9007199254740993", n: 9007199254740991 },
          })));
          assert.equal(created.status, 201, created.text);
          const [stored] = await exported(call, "&action=document.read");
          assert.equal((stored!.metadata as { n: number }).n, 9007199254740991);
          assert.equal(stored!.reason, null);
          const again = await appendText(JSON.stringify(stored));
          assert.equal(again.status, 201, again.text);
          assert.equal(again.body.results[0].status, "duplicate");
          assert.equal((await exported(call, "&action=document.read")).length, 1);
        });

        await t.step(
          "logs: one bad event never fails its batch; each refusal has a code",
          async () => {
            const good = (n: number) =>
              JSON.stringify({
                "event.id": `good-${n}-${engine.name}`,
                "service.name": "integrity",
                message: `good event ${n}`,
              });
            const bad = [
              `{"service.name":"integrity","message":"nul \\u0000 in message"}`,
              `{"service.name":"integrity","message":"x","labels":{"k\\u0000":"v"}}`,
              `{"service.name":"integrity","message":"x","trace.id":"\\udc00"}`,
              `{"service.name":"integrity","message":"x","error.stack_trace":"at \\u0000"}`,
              `{"service.name":"integrity","message":"x","attributes":{"order":9007199254740993}}`,
              `{"service.name":"integrity","message":"x","message":"y"}`,
              `{"service.name":"integrity","message":"x","event.id":"id\\u0000"}`,
            ];
            const answer = await call("/api/v1/logs", {
              role: "service",
              method: "POST",
              body: `[${good(1)},${bad.join(",")},${good(2)}]`,
            });
            assert.equal(answer.status, 200, answer.text);
            const items = answer.body.items as { status: string; code?: string }[];
            assert.deepEqual(items.map((i) => i.status), [
              "created",
              ...bad.map(() => "rejected"),
              "created",
            ]);
            assert.deepEqual(items.slice(1, -1).map((i) => i.code), [
              "LOG_EVENT_INVALID",
              "LOG_EVENT_INVALID",
              "JSON_NOT_INTERCHANGEABLE",
              "LOG_EVENT_INVALID",
              "JSON_NOT_INTERCHANGEABLE",
              "JSON_NOT_INTERCHANGEABLE",
              "LOG_EVENT_INVALID",
            ]);

            const ndjson = concat(
              utf8(`${good(3)}\n{"service.name":"integrity","message":"`),
              new Uint8Array([0xc3, 0x28]),
              utf8(`"}\n{"service.name":"integrity","message":"\\u0000"}\n{oops\n${good(4)}\n`),
            );
            const lines = await call("/api/v1/logs", {
              role: "service",
              method: "POST",
              body: ndjson,
              headers: { "content-type": "application/x-ndjson" },
            });
            assert.equal(lines.status, 200, lines.text);
            assert.deepEqual(
              lines.body.items.map((i: { status: string; code?: string }) => i.code ?? i.status),
              ["created", "INVALID_UTF8", "LOG_EVENT_INVALID", "MALFORMED_JSON", "created"],
            );

            const search = await call("/api/v1/logs/search?service=integrity&page_size=50");
            assert.equal(search.status, 200, search.text);
            assert.deepEqual(
              search.body.items.map((e: { message: string }) => e.message).sort(),
              ["good event 1", "good event 2", "good event 3", "good event 4"],
            );
          },
        );

        await t.step("logs: an empty batch is refused", async () => {
          const answer = await call("/api/v1/logs", {
            role: "service",
            method: "POST",
            body: "[]",
          });
          assertProblem(answer, 400, "LOG_EVENT_INVALID");
          const alone = await call("/api/v1/logs", {
            role: "service",
            method: "POST",
            body: '{"service.name":"integrity","message":"x","attributes":{"n":1e300}}',
          });
          assertProblem(alone, 400, "JSON_NOT_INTERCHANGEABLE", "attributes.n");
          assertProblem(
            await appendText(JSON.stringify({ events: [] })),
            400,
            "VALIDATION_FAILED",
          );
        });

        await t.step("read parameters the store cannot carry are a 400, never a 503", async () => {
          for (
            const path of [
              "/api/v1/audit/trail/u%00x",
              "/api/v1/audit/trail/u%ED%A0%80",
              "/api/v1/audit/trail/u-1?action=a%00b",
              "/api/v1/audit/export?format=ndjson&resource_id=%FF",
              "/api/v1/logs/search?q=a%00b",
              "/api/v1/logs/search?service=%C3",
              "/api/v1/logs/recent/a%00",
              "/api/v1/searches/x%00",
            ]
          ) {
            assertProblem(await call(path), 400, "INVALID_PARAMETER_TEXT");
          }
        });

        await t.step(
          "time bounds beyond the years 1–9999 (UTC) are answered, never a 5xx",
          async () => {
            for (
              const path of [
                "/api/v1/audit/trail/u-1?from=0001-01-01T00:00:00%2B01:00",
                "/api/v1/audit/trail/u-1?from=9999-12-31T00:00:00Z&to=9999-12-31T23:59:59-23:00",
                "/api/v1/audit/export?format=ndjson&to=0001-01-02T00:00:00Z",
                "/api/v1/logs/search?to=0001-01-01T00:10:00Z",
                "/api/v1/logs/search?from=9999-12-31T23:00:00-23:00&to=9999-12-31T23:59:00-23:00",
                "/api/v1/alerts?from=0001-01-01T00:00:00%2B01:00&to=9999-12-31T23:59:59-23:00",
              ]
            ) {
              const answer = await call(path);
              assert.equal(answer.status, 200, `${path}: ${answer.text}`);
            }
          },
        );

        await t.step("a denied request with hostile input is in the trail", async () => {
          const hostile = "/api/v1/audit/trail/%00evil%ED%A0%80" + "x".repeat(2000);
          const denied = await call(hostile, { role: "viewer", sub: "viewer\u0000\ud800-9" });
          assertProblem(denied, 403, "FORBIDDEN");
          const events = await exported(call, "&action=access.denied");
          const event = events.find((e) =>
            (e.actor as { id: string }).id.startsWith("viewer\\u0000")
          );
          assert.ok(event, `the denial is recorded: ${JSON.stringify(events)}`);
          const resource = event.resource as { id: string };
          assert.ok(resource.id.startsWith("GET /api/v1/audit/trail/"));
          assert.ok(resource.id.length <= 256);
          const verified = await call("/api/v1/audit/verify");
          assert.equal(verified.body.ok, true, verified.text);
        });
      });
    },
  });
}
