/**
 * IP address parsing and masking. Masked addresses stay valid addresses
 * (`10.1.2.0`, `2001:db8:85a3::`, `0.0.0.0`, `::`), so the ECS `source.ip`
 * field keeps its `ip` mapping and re-masking is a no-op.
 */

/** How IP addresses are treated: kept, truncated to a /24 (IPv6: /48), or blanked. */
export type IpMaskMode = "off" | "last_octet" | "full";

/**
 * The four octets of a dotted-quad IPv4 address, or `undefined`. Each octet
 * is 1–3 ASCII digits without a leading zero, at most 255. A hand-written
 * parser: it runs for every IP field and every IPv4-looking match.
 */
export function parseIpv4(text: string): number[] | undefined {
  const octets: number[] = [];
  let value = 0;
  let digits = 0;
  let leadingZero = false;
  // One step past the end, where a virtual `.` closes the last octet.
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0 || (leadingZero && digits > 1) || value > 255 || octets.length === 4) {
        return undefined;
      }
      octets.push(value);
      value = digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits === 0) leadingZero = code === 48;
      if (++digits > 3) return undefined;
      value = value * 10 + code - 48;
    } else {
      return undefined;
    }
  }
  return octets.length === 4 ? octets : undefined;
}

function parseGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const groups: number[] = [];
  for (const part of text.split(":")) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

/** The eight 16-bit groups of an IPv6 address (`::` and an IPv4 tail allowed), or `undefined`. */
export function parseIpv6(text: string): number[] | undefined {
  let body = text;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 1 && explicit !== 8) return undefined;
  if (halves.length === 2 && explicit > 7) return undefined;
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
}

/** RFC 5952 text form: lower case, longest run (≥ 2) of zero groups as `::`. */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * Mask one IP address written as text. Returns `undefined` when `text` is not
 * an address (callers then leave it to the text rules).
 */
export function maskIpAddress(text: string, mode: IpMaskMode): string | undefined {
  const v4 = parseIpv4(text);
  if (v4) {
    if (mode === "off") return text;
    return mode === "full" ? "0.0.0.0" : `${v4[0]}.${v4[1]}.${v4[2]}.0`;
  }
  const v6 = parseIpv6(text);
  if (!v6) return undefined;
  if (mode === "off") return text;
  if (mode === "full") return "::";
  return formatIpv6([v6[0]!, v6[1]!, v6[2]!, 0, 0, 0, 0, 0]);
}
