import assert from "node:assert/strict";
import { createMasker } from "./masker.ts";
import { CIRCULAR_MARKER, DEPTH_LIMIT_MARKER } from "./mask_value.ts";
import { maskLogEventsForReader, maskValueForReader } from "./read_masking.ts";

const masker = createMasker();

Deno.test("mask_dict: sensitive keys at any depth and in arrays, input untouched", () => {
  const input = {
    user: { email: "jane.doe@example.com", password: "hunter2" },
    headers: [{ Authorization: "Bearer abc" }, { "X-Api-Key": 12345 }],
    credentials: { user: "bob", pin: 1234 },
    note: "fine",
  };
  const snapshot = structuredClone(input);
  assert.deepEqual(masker.maskValue(input), {
    user: { email: "j***@example.com", password: "***" },
    headers: [{ Authorization: "***" }, { "X-Api-Key": "***" }],
    credentials: { user: "***", pin: "***" },
    note: "fine",
  });
  assert.deepEqual(input, snapshot);
});

Deno.test("mask_dict: unchanged parts are shared, changed ones copied, the input untouched", () => {
  const input = {
    service: { name: "checkout", tags: ["a", "b"] },
    user: { id: "u-1", email: "jane.doe@example.com" },
    list: ["fine", "jane.doe@example.com", { ok: true }],
    "ab@example.com": { nested: "x" },
    after: "kept",
  };
  const snapshot = structuredClone(input);
  const masked = masker.maskValue(input) as typeof input;
  assert.deepEqual(input, snapshot);
  assert.equal(masked.service, input.service);
  assert.notEqual(masked, input);
  assert.notEqual(masked.user, input.user);
  assert.deepEqual(masked.user, { id: "u-1", email: "j***@example.com" });
  assert.notEqual(masked.list, input.list);
  assert.equal(masked.list[2], input.list[2]);
  assert.deepEqual(masked.list, ["fine", "j***@example.com", { ok: true }]);
  // A masked key copies its object with the entries in their order.
  assert.deepEqual(Object.keys(masked), [
    "service",
    "user",
    "list",
    masker.maskText("ab@example.com"),
    "after",
  ]);
  assert.equal(masker.maskValue(snapshot.service), snapshot.service);
});

Deno.test("mask_dict: depth-bounded and cycle-safe", () => {
  const deep: Record<string, unknown> = {};
  let node = deep;
  for (let i = 0; i < 50; i++) node = (node.child = {}) as Record<string, unknown>;
  const shallow = createMasker({ maxDepth: 3 }).maskValue(deep);
  assert.deepEqual(shallow, { child: { child: { child: DEPTH_LIMIT_MARKER } } });

  const cyclic: Record<string, unknown> = { name: "a" };
  cyclic.self = cyclic;
  cyclic.list = [cyclic];
  assert.deepEqual(masker.maskValue(cyclic), {
    name: "a",
    self: CIRCULAR_MARKER,
    list: [CIRCULAR_MARKER],
  });
  const shared = { k: 1 };
  assert.deepEqual(masker.maskValue({ a: shared, b: shared }), { a: { k: 1 }, b: { k: 1 } });
});

Deno.test("mask_dict copies own enumerable properties only, as Object.entries would", () => {
  const withInherited = Object.create({ inherited: "jane.doe@example.com" });
  withInherited.own = "jane.doe@example.com";
  Object.defineProperty(withInherited, "hidden", { value: "x", enumerable: false });
  assert.deepEqual(masker.maskValue(withInherited), { own: "j***@example.com" });
});

Deno.test("card-sized integers and secret-bearing keys are masked too", () => {
  assert.deepEqual(masker.maskValue({ n: 4111111111111111, small: 42, ts: 1732700000000 }), {
    n: "************1111",
    small: 42,
    ts: 1732700000000,
  });
  assert.deepEqual(masker.maskValue({ "jane.doe@example.com": true }), {
    "j***@example.com": true,
  });
});

Deno.test("mask_log_entry: IP fields stay valid addresses, nested or dotted", () => {
  const event = {
    message: "login from 10.9.8.7",
    source: { ip: "10.9.8.7" },
    "client.ip": "2001:db8:1:2:3:4:5:6",
    host: { ip: ["192.168.0.5", "fe80::1"] },
    error: { message: "token=abc", stack_trace: "at x (mail jane@example.com)" },
  };
  assert.deepEqual(masker.maskLogEvent(event), {
    message: "login from 10.9.8.0",
    source: { ip: "10.9.8.0" },
    "client.ip": "2001:db8:1::",
    host: { ip: ["192.168.0.0", "fe80::"] },
    error: { message: "token=***", stack_trace: "at x (mail j***@example.com)" },
  });
  assert.deepEqual(createMasker({ ip: "full" }).maskLogEvent({ source: { ip: "10.9.8.7" } }), {
    source: { ip: "0.0.0.0" },
  });
});

Deno.test("read-time masking: readers without clearance always get masked output", () => {
  const stored = [{ message: "slipped through: jane.doe@example.com" }];
  assert.deepEqual(maskLogEventsForReader(masker, stored, { clearance: true }), stored);
  assert.deepEqual(maskLogEventsForReader(masker, stored, { clearance: false }), [
    { message: "slipped through: j***@example.com" },
  ]);
  assert.deepEqual(maskValueForReader(masker, { password: "x" }, { clearance: false }), {
    password: "*",
  });
});

Deno.test("mask_dict: cookie headers keep cookie names and Set-Cookie attributes", () => {
  const input = {
    headers: {
      cookie: "sid=abc123; theme=dark",
      "Set-Cookie": [
        "sid=abc123; Path=/; HttpOnly; Secure",
        "lang=en-GB; Max-Age=60; SameSite=Lax",
      ],
      "x-request-id": "r-1",
    },
    cookies: { sid: "abc123", visits: 3 },
    setCookie: "a=1; Domain=example.org",
    credentials: { cookie: "sid=abc123" },
    cookie_secret: "s3cr3t",
  };
  assert.deepEqual(masker.maskValue(input), {
    headers: {
      cookie: "sid=***; theme=***",
      "Set-Cookie": ["sid=***; Path=/; HttpOnly; Secure", "lang=***; Max-Age=60; SameSite=Lax"],
      "x-request-id": "r-1",
    },
    cookies: { sid: "***", visits: "*" },
    setCookie: "a=*; Domain=example.org",
    credentials: { cookie: "***" },
    cookie_secret: "***",
  });
  const deterministic = createMasker({ deterministicKey: new Uint8Array(32).fill(3) });
  const once = deterministic.maskValue({ cookie: "sid=abc123" });
  assert.match((once as { cookie: string }).cookie, /^sid=\[value#[a-p]{16}\]$/);
  assert.deepEqual(deterministic.maskValue(once), once);
  assert.equal(
    (once as { cookie: string }).cookie,
    deterministic.maskText("Cookie: sid=abc123").slice("Cookie: ".length),
  );
});
