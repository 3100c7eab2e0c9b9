import { Hono } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { swaggerUI } from "@hono/swagger-ui";
import { AppError, type ErrorCode, LoggingErrorCode } from "../../domain/errors/mod.ts";
import type { AppEnv } from "../app/env.ts";
import { DOC_ASSETS } from "./assets.ts";
import type { ConfiguredLimits } from "../app/configured_limits.ts";
import { API_TITLE, openApiDocument } from "./openapi_document.ts";
import { redocPage } from "./pages.ts";

/**
 * `/openapi.json`, `/docs` (Swagger UI), `/redoc`, their assets, and
 * `/problems/{code}` — the resolvable `type` of every problem document.
 * The document is built once, after every feature router is mounted.
 */
export function docsRouter(
  api: OpenAPIHono<AppEnv>,
  options: { version: string; limits: ConfiguredLimits },
) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  const router = new Hono<AppEnv>({ strict: true });

  router.get(
    "/openapi.json",
    (c) => c.json(document ??= openApiDocument(api, options.version, options.limits)),
  );
  router.get(
    "/docs",
    swaggerUI({ url: "/openapi.json", title: API_TITLE, baseUrl: "/docs/assets" }),
  );
  router.get("/redoc", (c) =>
    c.html(redocPage({
      title: API_TITLE,
      specUrl: "/openapi.json",
      bundleUrl: "/docs/assets/redoc/redoc.standalone.js",
    })));
  router.get("/docs/assets/:package/:file", (c) => {
    const asset = DOC_ASSETS[`${c.req.param("package")}/${c.req.param("file")}`];
    if (!asset) throw new AppError("NOT_FOUND");
    return c.body(asset.body, 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=86400",
    });
  });
  router.get("/problems/:code", (c) => {
    const code = c.req.param("code").toUpperCase().replaceAll("-", "_") as ErrorCode;
    const entry = LoggingErrorCode[code];
    if (!entry) throw new AppError("NOT_FOUND", { detail: "no such problem type" });
    return c.json({ code, ...entry });
  });
  return router;
}
