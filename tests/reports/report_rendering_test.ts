/**
 * The PDF and HTML reports as people see them: the PDF turned into PNG pages
 * by `pdftoppm` and into text by `pdftotext` (poppler-utils), the HTML
 * rendered and printed by a real headless Chromium; each must show its page
 * count, the title, the subject and Korean text as written.
 */
import assert from "node:assert/strict";
import { createPrincipal } from "../../domain/access/mod.ts";
import { generateReport, type ReportFormat } from "../../domain/reports/mod.ts";
import { isCi } from "../support/services.ts";
import { openPglite } from "../support/databases.ts";
import { auditDeps, newId } from "../audit/audit_fixture.ts";
import { RANGE, reportDeps, seedTrail } from "./report_fixture.ts";

const TITLE = "GDPR Art. 15 subject access report";
const SUBJECT = `Data subject u-42, ${RANGE.from} – ${RANGE.to}`;
const KOREAN = "고객 문의 처리";

function installed(command: string): boolean {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${command}`] }).outputSync().success;
  } catch {
    return false;
  }
}

const CHROMIUM = ["chromium", "chromium-browser", "google-chrome"].find(installed);
const POPPLER = installed("pdftoppm") && installed("pdftotext") && installed("pdfinfo");
for (const [missing, what] of [[!POPPLER, "poppler-utils"], [!CHROMIUM, "chromium"]] as const) {
  if (!missing) continue;
  if (isCi()) throw new Error(`${what} is required in CI (apt-get install ${what})`);
  console.error(`SKIPPED report rendering checks that need ${what} (apt-get install ${what})`);
}

async function run(command: string, args: string[]): Promise<string> {
  const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder();
  assert.ok(output.success, `${command} failed: ${text.decode(output.stderr).slice(-2000)}`);
  return text.decode(output.stdout);
}

/** Page count, title, subject and text of a PDF, as poppler reads them; pages as PNG. */
async function readPdf(path: string, dir: string) {
  const info = await run("pdfinfo", [path]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  await run("pdftoppm", ["-png", "-r", "60", path, `${dir}/page`]);
  const pngs = [...Deno.readDirSync(dir)].filter((e) => /^page-\d+\.png$/.test(e.name));
  for (const png of pngs) {
    const bytes = await Deno.readFile(`${dir}/${png.name}`);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  }
  return {
    pages,
    pngs: pngs.length,
    title: /^Title:\s+(.*)$/m.exec(info)?.[1]?.trim(),
    subject: /^Subject:\s+(.*)$/m.exec(info)?.[1]?.trim(),
    text: (await run("pdftotext", ["-enc", "UTF-8", path, "-"])).replace(/\s+/g, " "),
  };
}

Deno.test({
  name: "the PDF and HTML reports show their title, subject, pages and Korean text",
  ignore: !POPPLER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using db = await openPglite({ migrate: true });
    const audit = await auditDeps(db.sql);
    await seedTrail(db.sql, audit);
    const reports = await reportDeps(db.sql, audit);
    const dir = Deno.env.get("REPORT_RENDER_DIR") ?? await Deno.makeTempDir();
    const render = async (format: ReportFormat) => {
      const generated = await generateReport(reports.deps, {
        caller: { principal: createPrincipal("dpo-1", { roles: ["auditor"] }), requestId: "r" },
        parameters: { type: "gdpr", ...RANGE, subject: "u-42" },
        format,
        reportId: newId(),
      });
      const path = `${dir}/gdpr.${format}`;
      await Deno.writeFile(path, generated.content);
      return path;
    };
    try {
      await t.step("PDF through pdfinfo, pdftoppm and pdftotext", async () => {
        const pdfDir = await Deno.makeTempDir({ dir });
        const pdf = await readPdf(await render("pdf"), pdfDir);
        assert.ok(pdf.pages >= 1);
        assert.equal(pdf.pngs, pdf.pages, "one PNG per page");
        assert.equal(pdf.title, TITLE);
        assert.equal(pdf.subject, SUBJECT);
        assert.ok(pdf.text.includes(TITLE), "the title is printed");
        assert.ok(pdf.text.includes("Data subject u-42"), "the subject is printed");
        assert.ok(pdf.text.includes(KOREAN), "Korean text prints as written");
      });

      await t.step({
        name: "HTML in headless Chromium: its DOM, a screenshot and a printout",
        ignore: !CHROMIUM,
        fn: async () => {
          const html = await render("html");
          const profile = await Deno.makeTempDir({ dir });
          const flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            `--user-data-dir=${profile}`,
          ];
          const url = `file://${html}`;
          const dom = await run(CHROMIUM!, [...flags, "--dump-dom", url]);
          assert.match(dom, new RegExp(`<title>${TITLE.replace(/[.()]/g, "\\$&")}</title>`));
          assert.ok(dom.includes(SUBJECT), "the subject is shown");
          assert.ok(dom.includes(KOREAN), "Korean text is in the page");
          assert.match(dom, /<svg class="chart"/, "a chart is drawn");
          await run(CHROMIUM!, [
            ...flags,
            `--screenshot=${dir}/gdpr-html.png`,
            "--window-size=1200,1600",
            url,
          ]);
          const png = await Deno.readFile(`${dir}/gdpr-html.png`);
          assert.ok(png.length > 10_000, `a rendered page (${png.length} bytes)`);
          await run(CHROMIUM!, [
            ...flags,
            `--print-to-pdf=${dir}/gdpr-html.pdf`,
            "--no-pdf-header-footer",
            url,
          ]);
          const printed = await readPdf(`${dir}/gdpr-html.pdf`, await Deno.makeTempDir({ dir }));
          assert.ok(printed.pages >= 1);
          assert.equal(printed.pngs, printed.pages);
          assert.equal(printed.title, TITLE);
          assert.ok(printed.text.includes(SUBJECT), "the subject prints");
          assert.ok(printed.text.includes(KOREAN), "Korean prints");
        },
      });
    } finally {
      await reports.close();
      await audit.close();
      if (!Deno.env.get("REPORT_RENDER_DIR")) await Deno.remove(dir, { recursive: true });
    }
  },
});
