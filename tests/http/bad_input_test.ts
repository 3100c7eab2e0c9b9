/**
 * Bad input, checked against every operation of the OpenAPI document (so
 * routes added later are covered without new tests): malformed JSON,
 * oversized bodies, wrong types and unknown query parameters all answer a
 * 4xx problem+json with a registry code — never a 500, never a stack trace.
 */
import assert from "node:assert/strict";
import { buildTestApp } from "../support/test_app.ts";
import { concretePath } from "../support/app_routes.ts";
import { authHeader } from "../support/tokens.ts";

const { app } = await buildTestApp({ bodyLimitBytes: 64 * 1024 });
const document = await (await app.request("/openapi.json")).json();
const admin = await authHeader("admin", { services: ["*"] });

interface OpenApiParameter {
  in: string;
  name: string;
  schema?: { type?: string; example?: unknown };
}
interface OpenApiOperation {
  requestBody?: { content?: Record<string, unknown> };
  parameters?: OpenApiParameter[];
}

interface Operation {
  method: string;
  path: string;
  jsonBody: boolean;
  numericQuery: string[];
}

const operations: Operation[] = Object.entries(
  document.paths as Record<string, Record<string, OpenApiOperation>>,
)
  .flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      // Path parameters take the document's example, so that the body is what is judged.
      path: concretePath(
        path.replaceAll(/\{([^}]+)\}/g, ":$1"),
        Object.fromEntries(
          (op.parameters ?? [])
            .filter((p) => p.in === "path" && typeof p.schema?.example === "string")
            .map((p) => [p.name, p.schema!.example as string]),
        ),
      ),
      jsonBody: Boolean(op.requestBody?.content?.["application/json"]),
      numericQuery: (op.parameters ?? [])
        .filter((p) => p.in === "query" && ["integer", "number"].includes(p.schema?.type ?? ""))
        .map((p) => p.name),
    }))
  )
  .filter((op) => op.path.startsWith("/api/"));

async function expectProblem(response: Response, status: number | "4xx", code?: string) {
  const text = await response.text();
  if (status === "4xx") {
    assert.ok(
      response.status >= 400 && response.status < 500,
      `want 4xx, got ${response.status}: ${text}`,
    );
  } else {
    assert.equal(response.status, status, text);
  }
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  const body = JSON.parse(text);
  if (code) assert.equal(body.code, code);
  assert.equal(typeof body.code_number, "number");
  assert.ok(body.request_id);
  assert.doesNotMatch(text, /\.ts:\d+|at [\w.]+ \(|Error:/, "no stack trace or internal message");
}

Deno.test("the document has API operations to exercise", () => {
  assert.ok(operations.length > 0);
});

for (const op of operations) {
  Deno.test(`${op.method} ${op.path}: unknown query parameter → 400 UNKNOWN_QUERY_PARAMETER`, async () => {
    const response = await app.request(`${op.path}?definitely_not_a_param=1`, {
      method: op.method,
      headers: { ...admin, "content-type": "application/json" },
      ...(op.jsonBody ? { body: "{}" } : {}),
    });
    if (op.jsonBody) await expectProblem(response, "4xx");
    else await expectProblem(response, 400, "UNKNOWN_QUERY_PARAMETER");
  });

  for (const name of op.numericQuery) {
    Deno.test(`${op.method} ${op.path}: ${name}=abc → 400 VALIDATION_FAILED`, async () => {
      const response = await app.request(`${op.path}?${name}=abc`, {
        method: op.method,
        headers: admin,
      });
      await expectProblem(response, 400, "VALIDATION_FAILED");
    });
  }

  if (!op.jsonBody) continue;

  Deno.test(`${op.method} ${op.path}: malformed JSON → 400 MALFORMED_JSON`, async () => {
    const response = await app.request(op.path, {
      method: op.method,
      headers: { ...admin, "content-type": "application/json" },
      body: '{"unterminated": ',
    });
    await expectProblem(response, 400, "MALFORMED_JSON");
  });

  Deno.test(`${op.method} ${op.path}: wrong types → 400`, async () => {
    for (const body of ["123", '"text"', "null", '{"a":{"b":[true]}}']) {
      const response = await app.request(op.path, {
        method: op.method,
        headers: { ...admin, "content-type": "application/json" },
        body,
      });
      await expectProblem(response, "4xx");
    }
  });

  Deno.test(`${op.method} ${op.path}: oversized body → 413 PAYLOAD_TOO_LARGE`, async () => {
    const big = JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) });
    const response = await app.request(op.path, {
      method: op.method,
      headers: { ...admin, "content-type": "application/json" },
      body: big,
    });
    await expectProblem(response, 413, "PAYLOAD_TOO_LARGE");
  });
}

Deno.test("unknown path → 404 problem; wrong method → 405 problem with Allow", async () => {
  await expectProblem(await app.request("/api/v1/nope", { headers: admin }), 404, "NOT_FOUND");
  const wrong = await app.request("/health/live", { method: "DELETE" });
  assert.equal(wrong.headers.get("allow"), "GET, HEAD");
  await expectProblem(wrong, 405, "METHOD_NOT_ALLOWED");
});

Deno.test("an incoming x-request-id is echoed; a hostile one is replaced", async () => {
  const ok = await app.request("/health/live", { headers: { "x-request-id": "abc-123" } });
  assert.equal(ok.headers.get("x-request-id"), "abc-123");
  const hostileId = "<script>alert(1)</script> " + "x".repeat(200);
  const hostile = await app.request("/health/live", { headers: { "x-request-id": hostileId } });
  assert.match(hostile.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
});

Deno.test("secure headers are set on every response", async () => {
  const response = await app.request("/health/live");
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.ok(response.headers.get("x-frame-options"));
});
