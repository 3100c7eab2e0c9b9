/**
 * The `mask` task body: bytes in, masked bytes out. The pool worker and the
 * inline path both call {@linkcode maskBytes}, so their results are identical
 * by construction.
 */
import type { Masker } from "../domain/masking/mod.ts";
import type { MaskPayloadFormat, MaskPayloadShape } from "./protocol.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function maskJson(masker: Masker, text: string, shape: MaskPayloadShape): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON after all: still never let it through unmasked.
    return masker.maskText(text);
  }
  if (shape === "value") return JSON.stringify(masker.maskValue(value));
  const masked = Array.isArray(value)
    ? value.map((event) => masker.maskLogEvent(event))
    : masker.maskLogEvent(value);
  return JSON.stringify(masked);
}

function maskNdjson(masker: Masker, text: string, shape: MaskPayloadShape): string {
  return text
    .split("\n")
    .map((line) => (line.trim() === "" ? line : maskJson(masker, line, shape)))
    .join("\n");
}

/** Mask a UTF-8 payload of the given format. Invalid JSON is masked as text rather than rejected. */
export function maskBytes(
  masker: Masker,
  bytes: Uint8Array,
  format: MaskPayloadFormat,
  shape: MaskPayloadShape,
): Uint8Array<ArrayBuffer> {
  const text = decoder.decode(bytes);
  const masked = format === "json"
    ? maskJson(masker, text, shape)
    : format === "ndjson"
    ? maskNdjson(masker, text, shape)
    : masker.maskText(text);
  return encoder.encode(masked);
}
