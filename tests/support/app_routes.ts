/** The concrete routes an app serves, as `METHOD /template` keys. */
export function servedRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  const keys = app.routes
    .filter((r) => r.method !== "ALL" && !r.path.endsWith("*"))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

/**
 * A concrete path for a template: each `:param` filled from `values`, else
 * with a harmless placeholder.
 */
export function concretePath(template: string, values: Record<string, string> = {}): string {
  return template.replaceAll(
    /:([A-Za-z_]+)(\{[^}]*\})?/g,
    (_, name: string) => values[name] ?? "example",
  );
}
