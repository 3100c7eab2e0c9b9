import swaggerCss from "swagger-ui-dist/swagger-ui.css" with { type: "text" };
import swaggerBundle from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "text" };
import redocBundle from "redoc/bundles/redoc.standalone.js" with { type: "text" };

/**
 * The documentation pages' scripts and styles, embedded from their npm
 * packages into the module graph (and so into the compiled binary): the docs
 * work in clusters without internet egress.
 */
export const DOC_ASSETS: Readonly<Record<string, { body: string; type: string }>> = {
  "swagger-ui-dist/swagger-ui.css": { body: swaggerCss, type: "text/css; charset=utf-8" },
  "swagger-ui-dist/swagger-ui-bundle.js": {
    body: swaggerBundle,
    type: "text/javascript; charset=utf-8",
  },
  "redoc/redoc.standalone.js": { body: redocBundle, type: "text/javascript; charset=utf-8" },
};
