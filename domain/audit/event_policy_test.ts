import assert from "node:assert/strict";
import { type AuditEventInput, MAX_PAYLOAD_DEPTH, normalizeAuditEvent } from "./event_policy.ts";

const now = new Date("2026-06-01T12:00:00.000Z");
const policy = { futureToleranceMs: 300_000, retentionDays: 30 };
const context = {
  ...policy,
  now,
  newId: () => "0190A6F4-8C2E-7A55-9B1E-2F0C9D1E4A77",
  recordedBy: "svc",
  path: "body",
};
const input: AuditEventInput = {
  occurred_at: "2026-06-01T13:59:59.123000+02:00",
  actor: { id: "u-1", type: "user" },
  action: "document.update",
  action_type: "update",
  resource: { type: "document" },
  outcome: "success",
};

Deno.test("normalises: UTC milliseconds, nulls for absent fields, lower-case id, default tenant", () => {
  const result = normalizeAuditEvent(input, context);
  assert.ok(result.ok);
  assert.deepEqual(result.draft, {
    id: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77",
    occurred_at: "2026-06-01T11:59:59.123Z",
    tenant_id: "default",
    recorded_by: "svc",
    actor: { id: "u-1", type: "user", ip: null, user_agent: null },
    action: "document.update",
    action_type: "update",
    resource: { type: "document", id: null },
    outcome: "success",
    reason: null,
    request_id: null,
    trace_id: null,
    changes: null,
    metadata: {},
  });
});

Deno.test("refuses what the chain could not store faithfully, each with its code and path", () => {
  const deep = Array.from({ length: MAX_PAYLOAD_DEPTH + 2 }).reduce<unknown>((v) => ({ v }), 1);
  const cases: [Partial<AuditEventInput>, string, string][] = [
    [{ action_type: "teleport" }, "AUDIT_UNKNOWN_ACTION_TYPE", "body.action_type"],
    [{ occurred_at: "2026-06-01T12:05:01Z" }, "AUDIT_TIMESTAMP_IN_FUTURE", "body.occurred_at"],
    [{ occurred_at: "2026-04-01T00:00:00Z" }, "AUDIT_EVENT_INVALID", "body.occurred_at"],
    [{ occurred_at: "2026-06-01T11:00:00.1234Z" }, "AUDIT_EVENT_INVALID", "body.occurred_at"],
    [{ reason: "a\u0000b" }, "AUDIT_EVENT_INVALID", "body.reason"],
    [{ actor: { id: "\udc00", type: "user" } }, "AUDIT_EVENT_INVALID", "body.actor.id"],
    [{ metadata: { ["k\u0000"]: 1 } }, "AUDIT_EVENT_INVALID", "body.metadata"],
    [{ metadata: { big: "x".repeat(40_000) } }, "AUDIT_EVENT_INVALID", "body.metadata"],
    [{ changes: { after: deep as never } }, "AUDIT_EVENT_INVALID", "body.changes"],
  ];
  for (const [overrides, code, path] of cases) {
    const result = normalizeAuditEvent({ ...input, ...overrides }, context);
    assert.ok(!result.ok, JSON.stringify(overrides).slice(0, 80));
    assert.equal(result.error.code, code);
    assert.equal(result.error.errors[0]?.path, path);
  }
  const withinSkew = normalizeAuditEvent(
    { ...input, occurred_at: "2026-06-01T12:04:59Z" },
    context,
  );
  assert.ok(withinSkew.ok);
});
