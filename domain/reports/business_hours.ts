/**
 * Business hours in a time zone, for the security report's "admin actions
 * outside business hours". Written like `Mon-Fri 08:00-18:00` (several
 * ranges separated by `;`, e.g. `Mon-Fri 08:00-18:00; Sat 09:00-12:00`),
 * read in an IANA time zone, daylight saving included.
 * @module
 */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** One weekly window: the days it applies to and minutes since local midnight. */
export interface BusinessWindow {
  readonly days: readonly number[];
  readonly startMinute: number;
  readonly endMinute: number;
}

/** Parsed business hours. */
export interface BusinessHours {
  readonly windows: readonly BusinessWindow[];
  readonly timeZone: string;
  /** The text they were parsed from, for the report. */
  readonly text: string;
}

/** Parses `text`; throws `RangeError` saying what is wrong. */
export function parseBusinessHours(text: string, timeZone: string): BusinessHours {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}"`);
  }
  const windows = text.split(";").map((part) => part.trim()).filter(Boolean).map(parseWindow);
  if (windows.length === 0) throw new RangeError("no business hours given");
  return { windows, timeZone, text };
}

function parseWindow(part: string): BusinessWindow {
  const match = /^([A-Za-z]{3})(?:-([A-Za-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(part);
  if (!match) throw new RangeError(`"${part}" is not like "Mon-Fri 08:00-18:00"`);
  const [, firstDay, lastDay, h1, m1, h2, m2] = match;
  const first = dayIndex(firstDay!);
  const last = lastDay ? dayIndex(lastDay) : first;
  const days: number[] = [];
  for (let d = first;; d = (d + 1) % 7) {
    days.push(d);
    if (d === last) break;
  }
  const startMinute = Number(h1) * 60 + Number(m1);
  const endMinute = Number(h2) * 60 + Number(m2);
  if (Number(m1) > 59 || Number(m2) > 59 || endMinute > 24 * 60 || startMinute >= endMinute) {
    throw new RangeError(`"${part}": the times must be HH:MM with the start before the end`);
  }
  return { days, startMinute, endMinute };
}

function dayIndex(name: string): number {
  const index = DAYS.findIndex((d) => d.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new RangeError(`"${name}" is not a day (Mon, Tue, …)`);
  return index;
}

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * A test of instants against `hours`. Every time zone's offset is a multiple
 * of 15 minutes, so the local day and minute of a quarter hour are computed
 * once and remembered (reports look at many events in few quarter hours).
 */
export function withinBusinessHours(hours: BusinessHours): (epochMs: number) => boolean {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const quarters = new Map<number, { day: number; minute: number }>();
  return (epochMs) => {
    const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
    let local = quarters.get(quarter);
    if (!local) {
      const parts = format.formatToParts(new Date(quarter * QUARTER_HOUR_MS));
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
      local = {
        day: dayIndex(part("weekday")),
        minute: Number(part("hour")) * 60 + Number(part("minute")),
      };
      if (quarters.size > 50_000) quarters.clear();
      quarters.set(quarter, local);
    }
    const minute = local.minute + (epochMs - quarter * QUARTER_HOUR_MS) / 60_000;
    return hours.windows.some((w) =>
      w.days.includes(local!.day) && minute >= w.startMinute && minute < w.endMinute
    );
  };
}
