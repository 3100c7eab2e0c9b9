/**
 * The report routes on both engines, in-process: every format with its
 * integrity headers, access rules (with `access.denied` recorded), bad input
 * as problems with their codes, and jobs — 202 with `Location`, progress
 * that moves, a download equal to a direct run, expiry.
 */
import assert from "node:assert/strict";
import type { Role } from "../../domain/access/mod.ts";
import { recordAccessDenied } from "../../domain/audit/mod.ts";
import { createCsvParser, unguardCsvValue } from "../../domain/audit/mod.ts";
import { type ReportDeps, runNextReportJob } from "../../domain/reports/mod.ts";
import { verifyReportSignature } from "../../infra/reports/report_signature.ts";
import { nativeReportDigest } from "../../infra/reports/report_runner.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { buildTestApp } from "../support/test_app.ts";
import { authHeader } from "../support/tokens.ts";
import { appendMany, auditDeps, draft, testKeys } from "../audit/audit_fixture.ts";
import { RANGE, reportDeps, seedTrail } from "./report_fixture.ts";

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const SECURITY = `/api/v1/audit/reports/compliance?${query({ type: "security", ...RANGE })}`;

await testOnEachDatabase("report API", async (db, t) => {
  const audit = await auditDeps(db.sql);
  await seedTrail(db.sql, audit);
  const reports = await reportDeps(db.sql, audit, { GDPR_SELF_SERVICE: "true" });
  const { app } = await buildTestApp({
    audit,
    reports: reports.deps,
    onDenied: (denial) => recordAccessDenied(audit, denial),
  });
  const get = async (
    path: string,
    role: Role = "auditor",
    options: { sub?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers = {
      ...await authHeader(role, { sub: options.sub ?? `${role}-1` }),
      ...options.headers,
    };
    const response = await app.request(path, { headers });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
  const denials = async (sub: string) => {
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where action = 'access.denied' and actor_id = ${sub}`;
    return row!.n;
  };

  try {
    await t.step("JSON: the document, its SHA-256 and a signature that verifies", async () => {
      const { response, bytes } = await get(SECURITY);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "application/json");
      const sha = response.headers.get("x-report-sha256")!;
      assert.equal(nativeReportDigest.sha256Hex(bytes), sha);
      const check = await verifyReportSignature(
        bytes,
        response.headers.get("x-report-signature")!,
        (await testKeys()).publicJwks,
      );
      assert.equal(check.valid, true);
      const document = json(bytes);
      assert.equal(check.valid && check.statement.chain_head.seq, document.chain_head.seq);
      assert.equal(document.data.failed_logins.total, 6);
      assert.equal(response.headers.get("x-report-id"), document.report_id);
    });

    await t.step(
      "CSV: RFC 4180 records of one width, cells a spreadsheet runs are guarded",
      async () => {
        await appendMany(db.sql, 1, {
          make: () =>
            draft(0, {
              occurred_at: "2026-04-01T03:00:00.000Z",
              actor: { id: '=HYPERLINK("x")', type: "user", ip: "10.9.9.9", user_agent: null },
              action: "user.login",
              action_type: "login",
              outcome: "failure",
            }),
        });
        const path = `/api/v1/audit/reports/compliance?${
          query({
            type: "security",
            from: "2026-04-01T00:00:00Z",
            to: "2026-04-02T00:00:00Z",
            format: "csv",
          })
        }`;
        const { response, bytes } = await get(path);
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-type")!, /^text\/csv/);
        const text = new TextDecoder().decode(bytes);
        assert.ok(text.endsWith("\r\n"));
        const parser = createCsvParser();
        const records = [...parser.push(text), ...parser.end()];
        assert.ok(records.every((r) => r.length === records[0]!.length), "one width");
        assert.deepEqual(records[0]!.slice(0, 3), ["section", "kind", "c1"]);
        const offender = records.find((r) => r[0] === "failed_logins" && r[3] === "10.9.9.9")!;
        assert.equal(offender[1], "row");
        assert.equal(offender[2], `'=HYPERLINK("x")`);
        assert.equal(unguardCsvValue(offender[2]!), `=HYPERLINK("x")`);
      },
    );

    await t.step("HTML and PDF: their media types, signed like the others", async () => {
      for (const [format, type] of [["html", "text/html"], ["pdf", "application/pdf"]]) {
        const { response, bytes } = await get(`${SECURITY}&format=${format}`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-type")!, new RegExp(`^${type}`));
        assert.match(response.headers.get("content-disposition")!, new RegExp(`\\.${format}"$`));
        const check = await verifyReportSignature(
          bytes,
          response.headers.get("x-report-signature")!,
          (await testKeys()).publicJwks,
        );
        assert.equal(check.valid, true, format);
      }
    });

    await t.step("GDPR route: the report, and format=ndjson the copy it describes", async () => {
      const base = { subject: "u-42", ...RANGE };
      const { response, bytes } = await get(`/api/v1/audit/compliance/gdpr?${query(base)}`);
      assert.equal(response.status, 200);
      const copy = json(bytes).data.copy;
      assert.equal(copy.events, 8);
      const download = await get(copy.href);
      assert.equal(download.response.status, 200);
      assert.match(download.response.headers.get("content-type")!, /ndjson/);
      assert.equal(nativeReportDigest.sha256Hex(download.bytes), copy.sha256);
    });

    await t.step("access: analysts the security report only; others 403 and recorded", async () => {
      assert.equal((await get(SECURITY, "security_analyst")).response.status, 200);
      const before = await denials("security_analyst-1");
      const privacy = await get(SECURITY.replace("security", "privacy"), "security_analyst");
      assert.equal(privacy.response.status, 403);
      assert.equal(json(privacy.bytes).code, "FORBIDDEN");
      assert.equal(await denials("security_analyst-1"), before + 1);
      for (const role of ["developer", "viewer", "service"] as const) {
        assert.equal((await get(SECURITY, role)).response.status, 403, role);
      }
    });

    await t.step(
      "access: a data subject their own GDPR report (self-service), no one else's",
      async () => {
        const own = await get(
          `/api/v1/audit/compliance/gdpr?${query({ subject: "u-42", ...RANGE })}`,
          "developer",
          { sub: "u-42" },
        );
        assert.equal(own.response.status, 200);
        const other = await get(
          `/api/v1/audit/compliance/gdpr?${query({ subject: "u-77", ...RANGE })}`,
          "developer",
          { sub: "u-42" },
        );
        assert.equal(other.response.status, 403);
        assert.equal(await denials("u-42"), 1);
      },
    );

    await t.step("bad input: 400 and 404 problems with their codes", async () => {
      const cases: [string, number, string][] = [
        ["/api/v1/audit/reports/compliance?type=bogus", 400, "REPORT_UNKNOWN_TYPE"],
        [
          `/api/v1/audit/reports/compliance?${
            query({ type: "privacy", from: RANGE.to, to: RANGE.from })
          }`,
          400,
          "REPORT_INVALID_RANGE",
        ],
        [
          `/api/v1/audit/reports/compliance?${
            query({ type: "privacy", from: "2000-01-01T00:00:00Z", to: RANGE.to })
          }`,
          400,
          "REPORT_INVALID_RANGE",
        ],
        ["/api/v1/audit/compliance/gdpr", 400, "REPORT_SUBJECT_REQUIRED"],
        ["/api/v1/audit/compliance/gdpr?subject=%20%20", 400, "REPORT_SUBJECT_REQUIRED"],
        ["/api/v1/audit/reports/compliance?type=gdpr", 400, "REPORT_SUBJECT_REQUIRED"],
        ["/api/v1/audit/reports/compliance?type=gdpr&subject=", 400, "REPORT_SUBJECT_REQUIRED"],
        [`/api/v1/audit/compliance/gdpr?subject=${"u".repeat(257)}`, 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/compliance/gdpr?subject=u-1&max_seq=-1", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/compliance/gdpr?subject=u-1&max_seq=1.5", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/compliance/gdpr?subject=u-1&max_seq=1e3", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/compliance/gdpr?subject=u-1&max_seq=", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/reports/compliance?type=bogus&format=xml", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/reports/compliance?type=privacy&format=xml", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/reports/compliance?type=privacy&from=yesterday", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/reports/compliance?type=privacy&rows=1", 400, "UNKNOWN_QUERY_PARAMETER"],
        ["/api/v1/audit/reports/compliance", 400, "VALIDATION_FAILED"],
        ["/api/v1/audit/reports/not-a-uuid", 400, "VALIDATION_FAILED"],
        [`/api/v1/audit/reports/${crypto.randomUUID()}`, 404, "REPORT_JOB_NOT_FOUND"],
        [`/api/v1/audit/reports/${crypto.randomUUID()}/download`, 404, "REPORT_JOB_NOT_FOUND"],
      ];
      for (const [path, status, code] of cases) {
        const { response, bytes } = await get(path);
        assert.equal(response.status, status, path);
        assert.equal(response.headers.get("content-type"), "application/problem+json", path);
        const problem = json(bytes);
        assert.equal(problem.code, code, path);
        assert.equal(problem.status, status);
      }
    });

    await t.step("a range reaching past year 1 or 9999 (UTC) is bounded by them", async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ to: "0001-01-05T00:00:00Z" }, "0001-01-01T00:00:00.000Z", "0001-01-05T00:00:00.000Z"],
        [
          { from: "0001-01-01T00:00:00+01:00", to: "0001-01-02T00:00:00Z" },
          "0001-01-01T00:00:00.000Z",
          "0001-01-02T00:00:00.000Z",
        ],
        [
          { from: "9999-12-31T00:00:00Z", to: "9999-12-31T23:59:59-23:00" },
          "9999-12-31T00:00:00.000Z",
          "9999-12-31T23:59:59.999Z",
        ],
      ];
      for (const [range, from, to] of cases) {
        const path = `/api/v1/audit/reports/compliance?${query({ type: "security", ...range })}`;
        const { response, bytes } = await get(path);
        assert.equal(response.status, 200, path);
        const document = json(bytes);
        assert.deepEqual([document.parameters.from, document.parameters.to], [from, to], path);
        assert.equal(document.data.failed_logins.total, 0);
      }
    });

    await t.step(
      "jobs: 202 with Location; progress moves; the download equals a direct run",
      async () => {
        const small = await reportDeps(db.sql, audit, { REPORT_CHUNK_ROWS: "100" });
        try {
          const path = `/api/v1/audit/reports/compliance?${query({ type: "privacy", ...RANGE })}`;
          const asked = await get(path, "auditor", { headers: { prefer: "respond-async" } });
          assert.equal(asked.response.status, 202);
          assert.equal(asked.response.headers.get("preference-applied"), "respond-async");
          const location = asked.response.headers.get("location")!;
          const job = json(asked.bytes);
          assert.equal(location, `/api/v1/audit/reports/${job.id}`);
          assert.equal(job.status, "queued");

          const early = await get(`${location}/download`);
          assert.equal(early.response.status, 409);
          assert.equal(json(early.bytes).code, "REPORT_JOB_NOT_READY");

          // Run the job here, one chunk at a time, looking at its progress between chunks.
          const seen: number[] = [];
          const waiting: (() => void)[] = [];
          const gated: ReportDeps = {
            ...small.deps,
            limits: { ...small.deps.limits, chunkRows: 20 },
            runner: {
              ...small.deps.runner,
              accumulate: async (input) => {
                const partial = await small.deps.runner.accumulate(input);
                await new Promise<void>((resolve) => waiting.push(resolve));
                return partial;
              },
            },
          };
          const running = runNextReportJob(gated, { owner: "test", staleMs: 60_000 });
          for (let i = 0; i < 200; i++) {
            await new Promise((r) => setTimeout(r, 10));
            const status = json((await get(location)).bytes);
            if (status.status === "succeeded") break;
            if (status.status === "running" && seen.at(-1) !== status.progress.rows_done) {
              seen.push(status.progress.rows_done);
            }
            waiting.shift()?.(); // one chunk folded per look
          }
          assert.equal(await running, true);
          assert.ok(seen.length >= 3, `progress seen: ${seen.join(", ")}`);
          assert.deepEqual(seen, [...seen].sort((a, b) => a - b), "progress only grows");

          const done = json((await get(location)).bytes);
          assert.equal(done.status, "succeeded");
          assert.equal(done.result.download, `${location}/download`);
          const file = await get(done.result.download);
          assert.equal(file.response.status, 200);
          assert.equal(nativeReportDigest.sha256Hex(file.bytes), done.result.sha256);
          assert.equal(file.response.headers.get("x-report-signature"), done.result.signature);

          const direct = json((await get(path)).bytes);
          const fromJob = json(file.bytes);
          const strip = (
            { report_id: _i, generated_at: _g, chain_head: _h, ...rest }: Record<string, unknown>,
          ) => rest;
          assert.deepEqual(strip(fromJob), strip(direct));
          assert.equal(fromJob.report_id, job.id);

          const [row] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from audit_log
           where action = 'report.download' and resource_id = ${job.id}`;
          assert.equal(row!.n, 1);
        } finally {
          await small.close();
        }
      },
    );

    await t.step("jobs: other callers get 404; an expired job is 410", async () => {
      const asked = await get(SECURITY, "auditor", { headers: { prefer: "respond-async" } });
      const location = asked.response.headers.get("location")!;
      assert.equal((await get(location, "auditor", { sub: "auditor-2" })).response.status, 404);
      assert.equal((await get(location, "admin")).response.status, 200);
      const id = location.split("/").at(-1)!;
      await db
        .sql`update report_jobs set expires_at = now() - interval '1 second' where id = ${id}`;
      const gone = await get(location);
      assert.equal(gone.response.status, 410);
      assert.equal(json(gone.bytes).code, "REPORT_JOB_EXPIRED");
      assert.equal(await reports.deps.jobs.expire(new Date()), 1);
      assert.equal(await reports.deps.jobs.content(id), undefined);
    });

    await t.step(
      "too large to answer directly: async=false is refused, auto makes a job",
      async () => {
        const tiny = await reportDeps(db.sql, audit, { REPORT_DIRECT_MAX_ROWS: "10" });
        try {
          const { app: small } = await buildTestApp({ audit, reports: tiny.deps });
          const headers = await authHeader("auditor", { sub: "auditor-1" });
          const refused = await small.request(`${SECURITY}&async=false`, { headers });
          assert.equal(refused.status, 400);
          assert.equal((await refused.json()).code, "REPORT_TOO_LARGE");
          const auto = await small.request(SECURITY, { headers });
          assert.equal(auto.status, 202);
          await auto.body?.cancel();
        } finally {
          await tiny.close();
        }
      },
    );
  } finally {
    await reports.close();
    await audit.close();
  }
});
