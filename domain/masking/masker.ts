import { type IpMaskMode, maskIpAddress } from "./ip.ts";
import { createTextMasker } from "./mask_text.ts";
import { createValueMasker } from "./mask_value.ts";
import { createSensitiveKeyMatcher, DEFAULT_SENSITIVE_KEYS } from "./sensitive_keys.ts";
import { createTokenizer } from "./tokens.ts";

/** Configuration of a masker; every field has a safe default. */
export interface MaskerOptions {
  /** IP addresses: kept, truncated to /24 (IPv6 /48), or blanked. Default `last_octet`. */
  readonly ip?: IpMaskMode;
  /** Field names whose values are always redacted. Default {@linkcode DEFAULT_SENSITIVE_KEYS}. */
  readonly sensitiveKeys?: readonly string[];
  /** Deterministic mode: secrets become HMAC tokens under this key (≥ 16 bytes). */
  readonly deterministicKey?: Uint8Array;
  /** Nesting depth below which subtrees are replaced by a marker. Default 32. */
  readonly maxDepth?: number;
}

/**
 * A configured masker. Every method is pure, synchronous and never throws on
 * JSON input; inputs are never modified, and the parts of a value in which
 * nothing was masked are returned as they are rather than copied.
 */
export interface Masker {
  /** The resolved options, in a form that can be posted to a worker. */
  readonly options: Required<Omit<MaskerOptions, "deterministicKey">> & {
    readonly deterministicKey?: Uint8Array;
  };
  /** `mask_text`: every rule over free text. */
  maskText(text: string): string;
  /** `mask_dict`: any JSON value masked (audit `changes`, `metadata`, …). */
  maskValue(value: unknown): unknown;
  /** `mask_log_entry`: an ECS event masked, IP fields kept valid per the IP mode. */
  maskLogEvent(event: unknown): unknown;
}

/** ECS fields of type `ip`: masked as addresses so the index mapping still accepts them. */
const IP_FIELDS = new Set([
  "source.ip",
  "client.ip",
  "destination.ip",
  "server.ip",
  "host.ip",
]);
const DEFAULT_MAX_DEPTH = 32;

/**
 * Build the masker the service uses at ingest, on audit `changes`/`metadata`,
 * and at read time for roles without clearance. Construction compiles the
 * rules once; reuse the masker.
 */
export function createMasker(options: MaskerOptions = {}): Masker {
  const resolved = {
    ip: options.ip ?? "last_octet",
    sensitiveKeys: options.sensitiveKeys ?? DEFAULT_SENSITIVE_KEYS,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    ...(options.deterministicKey ? { deterministicKey: options.deterministicKey } : {}),
  } as const;
  const isSensitiveKey = createSensitiveKeyMatcher(resolved.sensitiveKeys);
  const tokenFor = options.deterministicKey ? createTokenizer(options.deterministicKey) : undefined;
  const maskText = createTextMasker({
    ipMode: resolved.ip,
    sensitiveKeys: resolved.sensitiveKeys,
    isSensitiveKey,
    tokenFor,
  });
  const common = { maskText, isSensitiveKey, maxDepth: resolved.maxDepth, tokenFor };

  const maskIpField = (value: unknown): unknown => {
    if (typeof value === "string") return maskIpAddress(value, resolved.ip) ?? maskText(value);
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      return value.map((item: string) => maskIpAddress(item, resolved.ip) ?? maskText(item));
    }
    return undefined;
  };

  return {
    options: resolved,
    maskText,
    maskValue: createValueMasker(common),
    maskLogEvent: createValueMasker({
      ...common,
      pathDepth: 2,
      fieldPaths: IP_FIELDS,
      maskField: (_path, value) => maskIpField(value),
    }),
  };
}
