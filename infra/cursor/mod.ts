export { createHmacCursorCodec, type HmacCursorCodecOptions } from "./hmac_cursor_codec.ts";
export { resolveCursorSigningKey } from "./signing_key.ts";
export { createHmacTrailCursorCodec } from "./hmac_trail_cursor_codec.ts";
