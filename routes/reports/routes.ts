import { createRoute, z } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  ComplianceReportResponseSchema,
  GdprQuerySchema,
  GdprReportSchema,
  JobParamsSchema,
  PreferHeaderSchema,
  ReportJobSchema,
  ReportQuerySchema,
} from "./schemas.ts";

const tags = ["Reports"];
const security = [{ bearerAuth: [] }];

/** A response header: a string, present unless `required` is false. */
const header = (schema: Record<string, unknown>, description: string, required = true) => ({
  required,
  description,
  schema: { type: "string" as const, ...schema },
});

/** Headers of every report file; `required` false where a route also streams the copy. */
const fileHeaders = (required: boolean) => ({
  "content-disposition": header(
    { pattern: '^attachment; filename="[A-Za-z0-9._-]+"$' },
    "The file's name",
  ),
  "cache-control": header({ enum: ["no-store"] }, "Reports are never cached"),
  "x-report-id": header({ format: "uuid" }, "The report (or job) id", required),
  "x-report-sha256": header({ pattern: "^[0-9a-f]{64}$" }, "SHA-256 of the body (hex)", required),
  "repr-digest": header(
    { pattern: "^sha-256=:[A-Za-z0-9+/]{43}=:$" },
    "SHA-256 of the body (RFC 9530)",
    required,
  ),
  "x-report-signature": header(
    { pattern: "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$" },
    "Detached JWS (EdDSA, unencoded payload) of the body; keys at /api/v1/audit/signing-keys",
    required,
  ),
});

const reportContent = {
  "application/json": { schema: ComplianceReportResponseSchema },
  "text/csv": { schema: z.string() },
  "text/html": { schema: z.string() },
  "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
};

const accepted = {
  description: "Made as a job: poll `Location` (the job), then its `download`",
  headers: {
    location: header(
      {
        pattern: "^/api/v1/audit/reports/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-" +
          "[0-9a-f]{12}$",
      },
      "The job",
    ),
    "retry-after": header({ pattern: "^[0-9]+$" }, "Seconds before polling the job"),
    "preference-applied": header(
      { enum: ["respond-async"] },
      "Sent when `Prefer: respond-async` asked for the job",
      false,
    ),
  },
  content: { "application/json": { schema: ReportJobSchema } },
};

const ACCESS = "Auditors and admins every type; security analysts the security report; a data " +
  "subject their own GDPR report when GDPR_SELF_SERVICE is on; anyone else 403 (recorded as " +
  "`access.denied`). ";

export const complianceReport = createRoute({
  method: "get",
  path: "/api/v1/audit/reports/compliance",
  tags,
  security,
  summary: "A compliance, GDPR, privacy or security report over a time range",
  description: ACCESS + "Built in the worker pool from the audit trail up to the chain head " +
    "(and the log store's counts), signed with the checkpoint key (`x-report-signature`), and " +
    "recorded as `report.generate`. Above REPORT_DIRECT_MAX_ROWS rows, or with " +
    "`Prefer: respond-async`, the answer is 202 with the job's `Location`.",
  request: { query: ReportQuerySchema, headers: PreferHeaderSchema },
  responses: {
    200: { description: "The report", headers: fileHeaders(true), content: reportContent },
    202: accepted,
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const gdprReport = createRoute({
  method: "get",
  path: "/api/v1/audit/compliance/gdpr",
  tags,
  security,
  summary: "GDPR Art. 15 subject access report, or (format=ndjson) the Art. 15(3) copy",
  description: ACCESS + "The report lists every audit event by or about the subject (as " +
    "actor, as the `user` resource, or named in metadata at GDPR_SUBJECT_PATHS), the " +
    "recipients, the processing register's purposes, categories, retention and sources, the " +
    "subject's log events, and the copy's event count and SHA-256; `format=ndjson` streams " +
    "that copy (recorded as `report.download`).",
  request: { query: GdprQuerySchema, headers: PreferHeaderSchema },
  responses: {
    200: {
      description: "The report, or (format=ndjson) the copy, which has no `x-report-*` and " +
        "`repr-digest` headers: the report states its SHA-256",
      headers: {
        ...fileHeaders(false),
        "x-audit-max-seq": header(
          { pattern: "^[0-9]+$" },
          "format=ndjson: the last seq the copy covers",
          false,
        ),
      },
      content: {
        ...reportContent,
        "application/json": { schema: GdprReportSchema },
        "application/x-ndjson": { schema: z.string() },
      },
    },
    202: accepted,
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const reportJob = createRoute({
  method: "get",
  path: "/api/v1/audit/reports/{id}",
  tags,
  security,
  summary: "A report job: status, progress and, when done, the file's digest and signature",
  description: "Visible to who asked for it (and admins); 404 to others, 410 once expired.",
  request: { params: JobParamsSchema, query: NoQuery },
  responses: {
    200: { description: "The job", content: { "application/json": { schema: ReportJobSchema } } },
    ...problemResponses(400, 401, 403, 404, 410, 500, 503),
  },
});

export const downloadReport = createRoute({
  method: "get",
  path: "/api/v1/audit/reports/{id}/download",
  tags,
  security,
  summary: "The file of a finished report job",
  description: "Recorded as `report.download`. 409 while the job is not finished.",
  request: { params: JobParamsSchema, query: NoQuery },
  responses: {
    200: { description: "The report", headers: fileHeaders(true), content: reportContent },
    ...problemResponses(400, 401, 403, 404, 409, 410, 500, 503),
  },
});
