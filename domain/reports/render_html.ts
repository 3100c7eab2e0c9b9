/**
 * A report as one self-contained, printable HTML page: no script, no
 * external resource (the page's CSP forbids any), tables for reading and an
 * inline SVG bar chart where a glance says more.
 * @module
 */
import { type Cell, headerFacts, type ReportSection, reportSections } from "./report_sections.ts";
import type { ReportDocument } from "./report_types.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{font-family:"Noto Sans KR","Noto Sans CJK KR","Malgun Gothic",system-ui,sans-serif;
margin:2rem;color:#1b1f24;font-size:14px}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem;
break-after:avoid}.subject{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem;break-inside:auto}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;
word-break:break-word}th{background:#f6f8fa}tr{break-inside:avoid}
td.n{text-align:right;font-variant-numeric:tabular-nums}.note{color:#57606a}
.facts td:first-child{width:14rem;font-weight:600}.chart{margin:.25rem 0 1rem}
.empty{color:#57606a;font-style:italic}
@media print{body{margin:0;font-size:11px}a{color:inherit}}`;

export function renderHtml(document: ReportDocument): string {
  const sections = reportSections(document).map(sectionHtml).join("\n");
  const facts = headerFacts(document).map(([k, v]) =>
    `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeHtml(document.subject)}">
<title>${escapeHtml(document.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(document.title)}</h1>
<p class="subject">${escapeHtml(document.subject)}</p>
<table class="facts">${facts}</table>
${sections}
</body></html>
`;
}

function sectionHtml(section: ReportSection): string {
  const head = section.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = section.rows.map((row) =>
    `<tr>${
      row.map((cell) => `<td${typeof cell === "number" ? ' class="n"' : ""}>${cellHtml(cell)}</td>`)
        .join("")
    }</tr>`
  ).join("");
  return `<section id="${escapeHtml(section.id)}"><h2>${escapeHtml(section.title)}</h2>` +
    (section.note ? `<p class="note">${escapeHtml(section.note)}</p>` : "") +
    (section.chart && section.rows.length > 0 ? barChart(section) : "") +
    (section.rows.length > 0
      ? `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
      : `<p class="empty">None.</p>`) +
    `</section>`;
}

function cellHtml(cell: Cell): string {
  if (cell === null) return "";
  return escapeHtml(typeof cell === "string" ? cell : String(cell));
}

/** Horizontal bars, largest first, at most 12. */
export function chartBars(section: ReportSection): { label: string; value: number }[] {
  const chart = section.chart!;
  return section.rows.map((row) => ({
    label: String(row[chart.label] ?? ""),
    value: Number(row[chart.value] ?? 0),
  })).filter((b) => Number.isFinite(b.value)).sort((a, b) => b.value - a.value).slice(0, 12);
}

function barChart(section: ReportSection): string {
  const bars = chartBars(section);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 20, labelWidth = 180, barWidth = 380;
  const height = bars.length * rowHeight + 4;
  const items = bars.map((bar, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(1, Math.round((bar.value / max) * barWidth));
    const label = bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label;
    return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end" font-size="12">${
      escapeHtml(label)
    }</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${
        rowHeight - 6
      }" fill="#2f6feb"/>` +
      `<text x="${labelWidth + w + 4}" y="${y + 14}" font-size="12">${bar.value}</text>`;
  }).join("");
  return `<svg class="chart" role="img" aria-label="${escapeHtml(section.title)}" ` +
    `xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 60}" height="${height}" ` +
    `viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">${items}</svg>`;
}
