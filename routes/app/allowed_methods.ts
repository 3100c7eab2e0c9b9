/**
 * The methods each path of the app answers, for a 405 with `Allow` (RFC 9110
 * §15.5.6) instead of a 404 when a known path is asked with another method.
 * Built lazily from the registered routes, after every router is mounted.
 * @module
 */

interface RegisteredRoute {
  readonly method: string;
  readonly path: string;
}

/** Returns a lookup from a request path to the methods it answers (empty: unknown path). */
export function allowedMethods(routes: () => readonly RegisteredRoute[]) {
  let table: { pattern: RegExp; methods: Set<string> }[] | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const route of routes()) {
      if (route.method === "ALL" || route.path.includes("*")) continue;
      const methods = byPath.get(route.path) ?? new Set<string>();
      methods.add(route.method);
      // The router answers HEAD for every GET route.
      if (route.method === "GET") methods.add("HEAD");
      byPath.set(route.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({ pattern: templatePattern(path), methods }));
  };
  return (path: string): string[] => {
    table ??= build();
    const allowed = new Set<string>();
    for (const entry of table) {
      if (entry.pattern.test(path)) { for (const method of entry.methods) allowed.add(method); }
    }
    return [...allowed].sort();
  };
}

function templatePattern(template: string): RegExp {
  const source = template
    .split("/")
    .map((part) => part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("/");
  return new RegExp(`^${source}/?$`);
}
