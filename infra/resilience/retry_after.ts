/**
 * A `Retry-After` answer header (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP date, read as milliseconds from now; undefined when absent or not
 * readable (a negative or garbled value included). Fractions of a second,
 * which some servers send, are kept.
 * @module
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // HTTP dates are in GMT; anything else the runtime's lenient parser might
  // still read as a date ("Dec 12", of 2001) is not one.
  if (!/ GMT$/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
