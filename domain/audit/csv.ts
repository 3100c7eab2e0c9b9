/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote,
 * CR or LF, quotes doubled. Two additions make it safe and lossless:
 *
 * - Formula injection: a cell that a spreadsheet would evaluate (leading
 *   `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'`, as OWASP advises;
 *   a cell already starting with `'` gets one too, so the prefix is always
 *   removable and the reader restores the exact value.
 * - Null versus empty: null is an empty unquoted field, the empty string is
 *   `""`. The parser reports the two apart.
 * @module
 */

const QUOTE = 34, COMMA = 44, CR = 13, LF = 10;
const GUARDED_FIRST = new Set(["=", "+", "-", "@", "\t", "\r", "'"]);

/** One CSV record from values; `null` becomes an empty unquoted field. */
export function csvRecord(values: readonly (string | null)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

function csvField(value: string | null): string {
  if (value === null) return "";
  if (value === "") return '""';
  const guarded = GUARDED_FIRST.has(value[0]!) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Removes the formula guard added by {@linkcode csvRecord}. */
export function unguardCsvValue(value: string | null): string | null {
  return value !== null && value.startsWith("'") && GUARDED_FIRST.has(value[1] ?? "")
    ? value.slice(1)
    : value;
}

/**
 * An incremental RFC 4180 parser: feed text as it arrives, get complete
 * records back. Fields are strings, or `null` for empty unquoted fields.
 * Still-guarded values are returned as read; see {@linkcode unguardCsvValue}.
 */
export function createCsvParser() {
  let field = "";
  let quoted = false;
  let inQuotes = false;
  let quotePending = false;
  let record: (string | null)[] = [];
  let pendingCr = false;

  function endField(): void {
    record.push(field === "" && !quoted ? null : field);
    field = "";
    quoted = false;
  }

  function push(text: string): (string | null)[][] {
    const records: (string | null)[][] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (pendingCr) {
        pendingCr = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (inQuotes) {
        if (!quotePending) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            field += text.slice(i);
            break;
          }
          field += text.slice(i, close);
          i = close + 1;
          quotePending = true;
          continue;
        }
        quotePending = false;
        if (text.charCodeAt(i) === QUOTE) {
          field += '"';
          i++;
          continue;
        }
        inQuotes = false;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE && field === "" && !quoted) {
        inQuotes = true;
        quoted = true;
        i++;
      } else if (c === COMMA) {
        endField();
        i++;
      } else if (c === CR || c === LF) {
        endField();
        records.push(record);
        record = [];
        pendingCr = c === CR;
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === CR || d === LF) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
    }
    return records;
  }

  function end(): (string | null)[][] {
    if (quotePending) {
      quotePending = false;
      inQuotes = false;
    }
    if (inQuotes) throw new SyntaxError("CSV ends inside a quoted field");
    if (field === "" && !quoted && record.length === 0) return [];
    endField();
    const last = record;
    record = [];
    return [last];
  }

  return { push, end };
}
