/** The ReDoc page; its bundle is served by the service itself. */
export function redocPage(options: { title: string; specUrl: string; bundleUrl: string }): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <redoc spec-url="${escapeHtml(options.specUrl)}"></redoc>
    <script src="${escapeHtml(options.bundleUrl)}"></script>
  </body>
</html>`;
}

function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
