/**
 * The report settings kept in files: the record of processing activities
 * (`GDPR_PROCESSING_REGISTER`) and a PCI DSS mapping replacing the default
 * (`REPORT_PCI_MAPPING`). Both are read and validated when the service
 * starts; a file that does not validate stops it with every problem listed.
 * @module
 */
import { z } from "zod";
import {
  isActionPattern,
  isPciRequirementId,
  type PciRule,
  type ProcessingRegister,
} from "../../domain/reports/mod.ts";
import { ConfigError } from "../config/mod.ts";

const name = z.string().trim().min(1).max(500);

const ProcessingRegisterSchema = z.object({
  controller: z.object({ name, contact: name }).strict(),
  activities: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
      name,
      purposes: z.array(name).min(1),
      legal_basis: name,
      data_categories: z.array(
        z.object({
          name,
          retention_days: z.number().int().min(1).max(36_500).nullable(),
          retention_note: name.optional(),
        }).strict().refine((c) => c.retention_days !== null || c.retention_note, {
          message: "give retention_days or, when a criterion sets the period, retention_note",
        }),
      ).min(1),
      recipients: z.array(name),
      source: name,
      resource_types: z.array(z.string().min(1).max(128)).default([]),
    }).strict(),
  ).min(1).refine((a) => new Set(a.map((x) => x.id)).size === a.length, {
    message: "activity ids must be unique",
  }),
}).strict();

const PciMappingSchema = z.array(
  z.object({
    requirement: z.string().refine(isPciRequirementId, { message: "10.2.1.1 … 10.2.1.7" }),
    actions: z.array(z.string().refine(isActionPattern, { message: "action or prefix.*" }))
      .min(1).optional(),
    action_types: z.array(z.string().min(1)).min(1).optional(),
    resource_types: z.array(z.string().min(1)).min(1).optional(),
    outcomes: z.array(z.enum(["success", "failure", "denied"])).min(1).optional(),
  }).strict().refine((r) => r.actions || r.action_types || r.resource_types || r.outcomes, {
    message: "a rule needs at least one criterion",
  }),
).min(1);

/** A configured file that is missing, not JSON or not of the expected shape. */
export class ReportFileError extends ConfigError {
  override name = "ReportFileError";
}

async function readJson(setting: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new ReportFileError([`${setting}: cannot read ${path} (${(error as Error).message})`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReportFileError([
      `${setting}: ${path} is not JSON (${(error as Error).message.replaceAll(/\s+/g, " ")})`,
    ]);
  }
}

function check<T>(setting: string, path: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ReportFileError(
    parsed.error.issues.map((i) =>
      `${setting}: ${path} ${i.path.join(".") || "(file)"}: ${i.message}`
    ),
  );
}

/** The register of `path`, validated. */
export async function loadProcessingRegister(path: string): Promise<ProcessingRegister> {
  const json = await readJson("GDPR_PROCESSING_REGISTER", path);
  return check("GDPR_PROCESSING_REGISTER", path, ProcessingRegisterSchema, json);
}

/** The PCI mapping of `path`, validated. */
export async function loadPciMapping(path: string): Promise<PciRule[]> {
  const json = await readJson("REPORT_PCI_MAPPING", path);
  return check("REPORT_PCI_MAPPING", path, PciMappingSchema, json) as PciRule[];
}
