/**
 * A report as PDF, drawn with pdfmake (no browser involved): the title and
 * subject in the document information, the report's facts, each section as a
 * table and, where it has one, a small bar chart. Noto Sans KR (OFL, from its
 * npm package) is embedded, subset to the glyphs used, so Korean and every
 * other text of the trail prints as written.
 * @module
 */
import pdfmake from "pdfmake";
import {
  type Cell,
  chartBars,
  headerFacts,
  type ReportDocument,
  type ReportSection,
  reportSections,
} from "../domain/reports/mod.ts";

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Uint8Array): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Uint8Array> };
}

const pdf = pdfmake as unknown as PdfMake;
let fontsLoaded: Promise<void> | undefined;

/** Loads the font into pdfmake's virtual file system once per worker. */
function loadFonts(): Promise<void> {
  fontsLoaded ??= (async () => {
    const [regular, bold] = await Promise.all([
      import("@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf", {
        with: { type: "bytes" },
      }),
      import("@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf", {
        with: { type: "bytes" },
      }),
    ]);
    pdf.virtualfs.writeFileSync("NotoSansKR-Regular.ttf", regular.default);
    pdf.virtualfs.writeFileSync("NotoSansKR-Bold.ttf", bold.default);
    pdf.setFonts({
      NotoSansKR: {
        normal: "NotoSansKR-Regular.ttf",
        bold: "NotoSansKR-Bold.ttf",
        italics: "NotoSansKR-Regular.ttf",
        bolditalics: "NotoSansKR-Bold.ttf",
      },
    });
    // Reports name no image or font by URL or path: refuse any such access.
    pdf.setUrlAccessPolicy(() => false);
    pdf.setLocalAccessPolicy((path) => path.startsWith("NotoSansKR-"));
  })();
  return fontsLoaded;
}

/** The PDF bytes of a report. */
export async function renderPdf(document: ReportDocument): Promise<Uint8Array> {
  await loadFonts();
  const definition = {
    pageSize: "A4",
    pageMargins: [36, 48, 36, 48],
    info: {
      title: document.title,
      subject: document.subject,
      author: "Logging & Audit Service",
      creator: "Logging & Audit Service",
      producer: "pdfmake",
      keywords: `${document.type} report ${document.report_id}`,
      creationDate: new Date(document.generated_at),
    },
    defaultStyle: { font: "NotoSansKR", fontSize: 8.5, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 2] },
      subject: { fontSize: 10, color: "#57606a", margin: [0, 0, 0, 10] },
      section: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
      note: { color: "#57606a", margin: [0, 0, 0, 4] },
      head: { bold: true, fillColor: "#f6f8fa" },
    },
    footer: (page: number, pages: number) => ({
      text: `${document.title} · ${document.report_id} · page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 7,
      color: "#57606a",
    }),
    content: [
      { text: document.title, style: "title" },
      { text: document.subject, style: "subject" },
      {
        table: {
          widths: [110, "*"],
          body: headerFacts(document).map(([k, v]) => [{ text: k, bold: true }, v]),
        },
        layout: "lightHorizontalLines",
      },
      ...reportSections(document).flatMap(sectionContent),
    ],
  };
  return await pdf.createPdf(definition).getBuffer();
}

function sectionContent(section: ReportSection): unknown[] {
  const parts: unknown[] = [{ text: section.title, style: "section" }];
  if (section.note) parts.push({ text: section.note, style: "note" });
  if (section.rows.length === 0) {
    parts.push({ text: "None.", italics: true, color: "#57606a" });
    return parts;
  }
  if (section.chart) parts.push(barChart(section));
  parts.push({
    table: {
      headerRows: 1,
      widths: section.columns.map(() => "auto"),
      body: [
        section.columns.map((c) => ({ text: c, style: "head" })),
        ...section.rows.map((row) => row.map(cellContent)),
      ],
    },
    layout: "lightHorizontalLines",
  });
  return parts;
}

function cellContent(cell: Cell) {
  if (cell === null) return "";
  if (typeof cell === "number") return { text: String(cell), alignment: "right" };
  return String(cell);
}

function barChart(section: ReportSection) {
  const bars = chartBars(section);
  const max = Math.max(1, ...bars.map((b) => b.value));
  return {
    table: {
      widths: [150, 260, "auto"],
      body: bars.map((bar) => [
        { text: bar.label, fontSize: 7.5, noWrap: false },
        {
          canvas: [{
            type: "rect",
            x: 0,
            y: 1,
            w: Math.max(1, (bar.value / max) * 250),
            h: 7,
            color: "#2f6feb",
          }],
        },
        { text: String(bar.value), fontSize: 7.5 },
      ]),
    },
    layout: "noBorders",
    margin: [0, 2, 0, 6],
  };
}
