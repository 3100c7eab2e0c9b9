/**
 * Bounds that are settings, not constants (page sizes, batch sizes), are
 * marked in the route schemas with `x-configured-limit: <name>` and written
 * into the document from the running configuration, so the published
 * contract says exactly what this deployment accepts.
 * @module
 */

/** The configured bounds the document states. */
export interface ConfiguredLimits {
  /** Largest `page_size` / `limit` of log reads. */
  readonly pageSize: number;
  /** Most events in one `POST /api/v1/logs`. */
  readonly ingestEvents: number;
  /** Most events in one `POST /api/v1/audit/events` batch. */
  readonly auditBatch: number;
}

export const CONFIGURED_LIMIT = "x-configured-limit";

/** The marker to put on a schema: `.openapi(configuredLimit("pageSize"))`. */
export function configuredLimit(name: keyof ConfiguredLimits): Record<string, string> {
  return { [CONFIGURED_LIMIT]: name };
}

/**
 * Replaces every marker in `document` with the bound it names: `maximum`
 * on numbers, `maxItems` on arrays.
 */
export function withConfiguredLimits<T>(document: T, limits: ConfiguredLimits): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const schema = node as Record<string, unknown>;
    const name = schema[CONFIGURED_LIMIT];
    if (typeof name === "string" && name in limits) {
      const bound = limits[name as keyof ConfiguredLimits];
      if (schema.type === "array") schema.maxItems = bound;
      else schema.maximum = bound;
      delete schema[CONFIGURED_LIMIT];
    }
    for (const value of Object.values(schema)) visit(value);
  };
  visit(document);
  return document;
}
