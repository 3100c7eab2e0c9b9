/**
 * The alerts API: who may do what, keyset pages and filters, silences (a
 * silenced alert is stored, not notified), and coded problems for bad input.
 */
import assert from "node:assert/strict";
import { integration } from "../support/services.ts";
import { alertingFixture, slackOnly } from "./alerting_fixture.ts";
import { slackReceiver } from "./receivers.ts";

await integration(
  "alerts API: roles, keyset pages, filters, silences, bad input",
  ["postgres"],
  async (urls) => {
    await using slack = slackReceiver();
    await using fx = await alertingFixture(urls.postgres, slackOnly(slack.url));
    const raise = (
      body: Record<string, unknown>,
      role: "service" | "admin" | "viewer" = "service",
    ) =>
      fx.request("/api/v1/alerts", {
        method: "POST",
        role,
        body: JSON.stringify({ severity: "medium", source: "api", title: "t", ...body }),
      });

    // Roles: services raise, viewers see nothing, services cannot acknowledge.
    assert.equal((await raise({ fingerprint: "a" }, "viewer")).status, 403);
    const first = await (await raise({ fingerprint: "a" })).json();
    assert.equal((await fx.request("/api/v1/alerts", { role: "viewer" })).status, 403);
    assert.equal(
      (await fx.request(`/api/v1/alerts/${first.alert.id}/acknowledge`, {
        method: "POST",
        role: "service",
      })).status,
      403,
    );

    // Keyset pages over 7 alerts, 3 at a time, newest first, no repeats or gaps.
    for (
      let i = 0;
      i < 6;
      i++
    ) {
      await (await raise({ fingerprint: `p${i}`, source: i % 2 ? "odd" : "even" })).body
        ?.cancel();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; next_cursor: string | null } = await (await fx.request(
        `/api/v1/alerts?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      )).json();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    assert.deepEqual(seen, [...seen].sort().reverse());
    const odd = await (await fx.request("/api/v1/alerts?source=odd&severity=medium&status=open"))
      .json();
    assert.equal(odd.items.length, 3);
    const future = await (await fx.request("/api/v1/alerts?from=2999-01-01T00:00:00Z")).json();
    assert.equal(future.items.length, 0);

    // Silences: a matching alert is stored and flagged, not notified; expiring restores delivery.
    const ends = new Date(Date.now() + 3_600_000).toISOString();
    const silence = await fx.request("/api/v1/alerts/silences", {
      method: "POST",
      body: JSON.stringify({
        matchers: { source: ["noisy"], labels: { env: "staging" } },
        ends_at: ends,
        comment: "deploy",
      }),
    });
    assert.equal(silence.status, 201);
    const { id: silenceId, active } = await silence.json();
    assert.equal(active, true);
    await fx.drain();
    slack.received.length = 0;
    const muted =
      await (await raise({ fingerprint: "m1", source: "noisy", labels: { env: "staging" } }))
        .json();
    assert.equal(muted.alert.silenced, true);
    assert.deepEqual(muted.queued, []);
    const loud =
      await (await raise({ fingerprint: "m2", source: "noisy", labels: { env: "prod" } })).json();
    assert.equal(loud.alert.silenced, false, "labels must match too");
    await fx.drain();
    assert.equal(slack.received.length, 1);
    const listed = await (await fx.request("/api/v1/alerts/silences")).json();
    assert.deepEqual(listed.items.map((s: { id: string }) => s.id), [silenceId]);
    assert.equal(
      (await fx.request(`/api/v1/alerts/silences/${silenceId}`, { method: "DELETE" })).status,
      200,
    );
    assert.equal(
      (await fx.request(`/api/v1/alerts/silences/${silenceId}`, { method: "DELETE" })).status,
      404,
    );
    assert.equal((await (await fx.request("/api/v1/alerts/silences")).json()).items.length, 0);
    const after =
      await (await raise({ fingerprint: "m3", source: "noisy", labels: { env: "staging" } }))
        .json();
    assert.equal(after.alert.silenced, false);

    // Bad input: coded problems, nothing stored.
    const before = (await fx.db.sql`select count(*)::int as n from alerts`)[0]!.n;
    const problems = [
      [await raise({ fingerprint: "x".repeat(256) }), "VALIDATION_FAILED"],
      [await raise({ fingerprint: "x", severity: "urgent" }), "VALIDATION_FAILED"],
      [await raise({ fingerprint: "x", extra: 1 }), "VALIDATION_FAILED"],
      // details: at most 5 levels and 16 KiB of UTF-8 JSON (8,200 "é" are 16,400 bytes).
      [
        await raise({ fingerprint: "x", details: { a: { b: { c: { d: [[1]] } } } } }),
        "VALIDATION_FAILED",
      ],
      [await raise({ fingerprint: "x", details: { a: "é".repeat(8_200) } }), "VALIDATION_FAILED"],
      [await raise({ fingerprint: "x", details: { n: 2 ** 53 } }), "JSON_NOT_INTERCHANGEABLE"],
      [await fx.request("/api/v1/alerts?cursor=nope"), "VALIDATION_FAILED"],
      [await fx.request("/api/v1/alerts?colour=red"), "UNKNOWN_QUERY_PARAMETER"],
      // An id of the wrong shape is refused as input; a well-formed unknown one is not found.
      [await fx.request("/api/v1/alerts/not-an-id"), "VALIDATION_FAILED"],
      [await fx.request(`/api/v1/alerts/${crypto.randomUUID()}`), "ALERT_NOT_FOUND"],
      [
        await fx.request(`/api/v1/alerts/${crypto.randomUUID()}/resolve`, { method: "POST" }),
        "ALERT_NOT_FOUND",
      ],
      [
        await fx.request("/api/v1/alerts/silences", {
          method: "POST",
          body: JSON.stringify({ matchers: {}, ends_at: ends }),
        }),
        "VALIDATION_FAILED",
      ],
      [
        await fx.request("/api/v1/alerts/silences", {
          method: "POST",
          body: JSON.stringify({ matchers: { labels: {} }, ends_at: ends }),
        }),
        "VALIDATION_FAILED",
      ],
      [
        await fx.request("/api/v1/alerts/silences", {
          method: "POST",
          body: JSON.stringify({ matchers: { source: ["a"] }, ends_at: "2000-01-01T00:00:00Z" }),
        }),
        "ALERT_SILENCE_INVALID",
      ],
    ] as const;
    for (const [response, code] of problems) {
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      assert.equal((await response.json()).code, code);
    }
    assert.equal((await fx.db.sql`select count(*)::int as n from alerts`)[0]!.n, before);
  },
);
