/**
 * The user service client against a real HTTP server on loopback that
 * answers well, slowly, with 5xx, with 429 and Retry-After, and not at all
 * (a port nobody listens on).
 */
import assert from "node:assert/strict";
import { createUserServiceClient, type UserServiceClientOptions } from "./user_service_client.ts";
import { displayNames } from "../../domain/users/mod.ts";

type Behaviour = (id: string, hit: number) => Response | Promise<Response>;

/** A user service on a loopback port whose answers the test decides per request. */
function userService(behaviour: Behaviour) {
  const hits = new Map<string, number>();
  const controller = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen: () => {} },
    (request) => {
      const id = decodeURIComponent(new URL(request.url).pathname.split("/").pop()!);
      const hit = (hits.get(id) ?? 0) + 1;
      hits.set(id, hit);
      return behaviour(id, hit);
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/v1/users/{id}`,
    hits: (id: string) => hits.get(id) ?? 0,
    async [Symbol.asyncDispose]() {
      controller.abort();
      await server.finished;
    },
  };
}

function user(id: string): Response {
  return Response.json({ id, display_name: `Name of ${id}`, email: `${id}@example.com` });
}

function options(url: string, extra: Partial<UserServiceClientOptions> = {}) {
  return {
    urlTemplate: url,
    timeoutMs: 1_000,
    retries: 2,
    cacheTtlMs: 60_000,
    cacheMaxEntries: 100,
    breakerFailures: 3,
    breakerCooldownMs: 60_000,
    minBackoffMs: 10,
    ...extra,
  };
}

Deno.test("a well-answering service: names found, cached, unknown ids cached as unknown", async () => {
  await using service = userService((id) =>
    id.startsWith("ghost") ? new Response("no such user", { status: 404 }) : user(id)
  );
  using client = createUserServiceClient(options(service.url, { token: "t0k" }));
  const first = await client.getUserInfo("u-1");
  assert.deepEqual(first, {
    status: "found",
    user: { id: "u-1", display_name: "Name of u-1", email: "u-1@example.com" },
  });
  await client.getUserInfo("u-1");
  assert.equal(service.hits("u-1"), 1, "the second lookup came from the cache");
  assert.deepEqual(await client.getUserInfo("ghost-1"), { status: "unknown" });
  await client.getUserInfo("ghost-1");
  assert.equal(service.hits("ghost-1"), 1, "a 404 is an answer, cached and not retried");
});

Deno.test("concurrent lookups of one id share one request", async () => {
  await using service = userService(async (id) => {
    await new Promise((r) => setTimeout(r, 50));
    return user(id);
  });
  using client = createUserServiceClient(options(service.url));
  const answers = await Promise.all(Array.from({ length: 5 }, () => client.getUserInfo("u-2")));
  assert.ok(answers.every((a) => a.status === "found"));
  assert.equal(service.hits("u-2"), 1);
});

Deno.test("5xx answers are retried, and a later success is used", async () => {
  await using service = userService((id, hit) =>
    hit < 3 ? new Response("busy", { status: 503 }) : user(id)
  );
  using client = createUserServiceClient(options(service.url));
  const answer = await client.getUserInfo("u-3");
  assert.equal(answer.status, "found");
  assert.equal(service.hits("u-3"), 3, "two 503s retried, the third attempt answered");
});

Deno.test("non-retryable errors are not retried and degrade the answer", async () => {
  await using service = userService(() => new Response("who are you", { status: 401 }));
  using client = createUserServiceClient(options(service.url));
  const answer = await client.getUserInfo("u-4");
  assert.equal(answer.status, "unavailable");
  assert.match((answer as { reason: string }).reason, /401/);
  assert.equal(service.hits("u-4"), 1);
});

Deno.test("429 with Retry-After: waits as told when it fits the budget", async () => {
  await using service = userService((id, hit) =>
    hit === 1
      ? new Response("slow down", { status: 429, headers: { "retry-after": "0.3" } })
      : user(id)
  );
  using client = createUserServiceClient(options(service.url, { timeoutMs: 2_000 }));
  const started = performance.now();
  const answer = await client.getUserInfo("u-5");
  const waited = performance.now() - started;
  assert.equal(answer.status, "found");
  assert.ok(waited >= 280, `waited ${Math.round(waited)} ms for Retry-After 0.3 s`);
  assert.equal(service.hits("u-5"), 2);
});

Deno.test("429 with a Retry-After beyond the budget gives up at once, degraded", async () => {
  await using service = userService(() =>
    new Response("slow down", { status: 429, headers: { "retry-after": "120" } })
  );
  using client = createUserServiceClient(options(service.url));
  const started = performance.now();
  const answer = await client.getUserInfo("u-6");
  assert.equal(answer.status, "unavailable");
  assert.match((answer as { reason: string }).reason, /Retry-After exceeds/);
  assert.ok(performance.now() - started < 500);
  assert.equal(service.hits("u-6"), 1);
});

Deno.test("a slow service: the lookup ends within its budget, degraded", async () => {
  const release = Promise.withResolvers<void>();
  await using service = userService(async (id) => {
    await Promise.race([release.promise, new Promise((r) => setTimeout(r, 3_000))]);
    return user(id);
  });
  using client = createUserServiceClient(options(service.url, { timeoutMs: 300 }));
  const started = performance.now();
  const answer = await client.getUserInfo("u-7");
  const took = performance.now() - started;
  release.resolve();
  assert.equal(answer.status, "unavailable");
  assert.match((answer as { reason: string }).reason, /no answer within|timed out|abort/i);
  assert.ok(took < 800, `took ${Math.round(took)} ms with a 300 ms budget`);
});

Deno.test("a service that is down: degraded; the circuit opens, then stale names are served", async () => {
  // A port that was just free: nobody listens, connections are refused.
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  let circuitOpened = false;
  using client = createUserServiceClient(
    options(`http://127.0.0.1:${port}/users/{id}`, {
      breakerFailures: 2,
      onCircuitChange: (open) => circuitOpened ||= open,
    }),
  );
  const first = await client.getUserInfo("u-8");
  assert.equal(first.status, "unavailable");
  await client.getUserInfo("u-9");
  assert.ok(circuitOpened, "two failed lookups open the circuit");
  const started = performance.now();
  const third = await client.getUserInfo("u-10");
  assert.match((third as { reason: string }).reason, /circuit open/);
  assert.ok(performance.now() - started < 50, "an open circuit answers at once");

  const names = await displayNames(client, ["u-8", "u-9", "u-8"]);
  assert.equal(names.status, "degraded");
  assert.deepEqual(names.names, {});
  assert.match(names.detail!, /unavailable/);
});

Deno.test("an expired cache entry is served, marked stale, while the service fails", async () => {
  let failing = false;
  await using service = userService((id) =>
    failing ? new Response("down", { status: 502 }) : user(id)
  );
  using client = createUserServiceClient(options(service.url, { cacheTtlMs: 50, retries: 0 }));
  assert.equal((await client.getUserInfo("u-11")).status, "found");
  failing = true;
  await new Promise((r) => setTimeout(r, 80));
  const answer = await client.getUserInfo("u-11");
  assert.deepEqual(answer, {
    status: "found",
    user: { id: "u-11", display_name: "Name of u-11", email: "u-11@example.com" },
    stale: true,
  });
  const names = await displayNames(client, ["u-11"]);
  assert.equal(names.status, "degraded");
  assert.equal(names.names["u-11"], "Name of u-11");
});

Deno.test("display names: complete when every id is answered, disabled without a service", async () => {
  await using service = userService((id) =>
    id === "gone" ? new Response(null, { status: 404 }) : user(id)
  );
  using client = createUserServiceClient(options(service.url));
  assert.deepEqual(await displayNames(client, ["a", "b", "gone", "a"]), {
    status: "complete",
    names: { a: "Name of a", b: "Name of b" },
  });
  assert.deepEqual(await displayNames(undefined, ["a"]), { status: "disabled", names: {} });
});
