import { createRoute, z } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  ComplianceReportResponseSchema,
  GdprQuerySchema,
  JobParamsSchema,
  ReportJobSchema,
  ReportQuerySchema,
} from "./schemas.ts";

const tags = ["Reports"];
const security = [{ bearerAuth: [] }];

const integrityHeaders = {
  "x-report-id": { schema: { type: "string" as const } },
  "x-report-sha256": { schema: { type: "string" as const }, description: "SHA-256 of the body" },
  "x-report-signature": {
    schema: { type: "string" as const },
    description: "Detached JWS (EdDSA, unencoded payload) of the body; keys at " +
      "/api/v1/audit/signing-keys",
  },
};

const reportContent = {
  "application/json": { schema: ComplianceReportResponseSchema },
  "text/csv": { schema: z.string() },
  "text/html": { schema: z.string() },
  "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
};

const accepted = {
  description: "Made as a job: poll `Location` (the job), then its `download`",
  headers: {
    location: { schema: { type: "string" as const } },
    "retry-after": { schema: { type: "string" as const } },
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
  request: { query: ReportQuerySchema },
  responses: {
    200: { description: "The report", headers: integrityHeaders, content: reportContent },
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
  request: { query: GdprQuerySchema },
  responses: {
    200: {
      description: "The report, or the copy",
      headers: integrityHeaders,
      content: { ...reportContent, "application/x-ndjson": { schema: z.string() } },
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
    200: { description: "The report", headers: integrityHeaders, content: reportContent },
    ...problemResponses(400, 401, 403, 404, 409, 410, 500, 503),
  },
});
