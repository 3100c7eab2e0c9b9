/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), synchronous and in plain
 * TypeScript: one compression function for the audit hash chain (hex of a
 * string's UTF-8 bytes) and the masker's deterministic tokens (HMAC).
 * `crypto.subtle` is asynchronous — measured about 2.5× slower than this on
 * event-sized inputs, one promise per digest — and masking runs inside
 * synchronous replace callbacks that must give the same result inline and in
 * a worker. Infra may inject the runtime's native digest through
 * {@linkcode Sha256Hex}.
 * @module
 */

/** A SHA-256 function over the UTF-8 encoding of `text`, returning hex. */
export type Sha256Hex = (text: string) => string;

const K = new Int32Array([
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL_STATE = [
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
];
const BLOCK = 64;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const encoder = new TextEncoder();

/** Absorbs the 64-byte block at `offset` into `state`; `w` is scratch. */
function compress(state: Int32Array, block: Uint8Array, offset: number, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!, y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  let e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * Pads `bytes[0, length)` in place (the buffer must have room up to the
 * returned size) as the end of a message of `absorbed + length` bytes, and
 * absorbs it into `state`.
 */
function absorbLast(
  state: Int32Array,
  bytes: Uint8Array,
  length: number,
  absorbed: number,
  w: Int32Array,
): void {
  const end = paddedLength(length);
  bytes.fill(0, length, end);
  bytes[length] = 0x80;
  const bits = (absorbed + length) * 8;
  writeUint32(bytes, end - 8, Math.floor(bits / 0x100000000));
  writeUint32(bytes, end - 4, bits >>> 0);
  for (let offset = 0; offset < end; offset += BLOCK) compress(state, bytes, offset, w);
}

/** Bytes a message tail of `length` bytes takes once padded. */
function paddedLength(length: number): number {
  return ((length + 9 + BLOCK - 1) >> 6) << 6;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

function digestOf(state: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) writeUint32(out, i * 4, state[i]!);
  return out;
}

/** SHA-256 of `data` followed by nothing, after `absorbed` bytes already in `state`. */
function finish(state: Int32Array, absorbed: number, data: Uint8Array, w: Int32Array) {
  const padded = new Uint8Array(paddedLength(data.length));
  padded.set(data);
  absorbLast(state, padded, data.length, absorbed, w);
  return digestOf(state);
}

/** SHA-256 digest of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  return finish(Int32Array.from(INITIAL_STATE), 0, data, new Int32Array(64));
}

/** A keyed HMAC-SHA-256 function; the padded key blocks are hashed once, up front. */
export function createHmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(key.length > BLOCK ? sha256(key) : key);
  const w = new Int32Array(64);
  const inner = Int32Array.from(INITIAL_STATE);
  const outer = Int32Array.from(INITIAL_STATE);
  compress(inner, block.map((b) => b ^ 0x36), 0, w);
  compress(outer, block.map((b) => b ^ 0x5c), 0, w);
  return (message) => finish(outer.slice(), BLOCK, finish(inner.slice(), BLOCK, message, w), w);
}

const words = new Int32Array(64);
const state = new Int32Array(8);
let buffer = new Uint8Array(4096);

/** SHA-256 of the UTF-8 bytes of `text`, as lower-case hex (buffers reused: no allocation). */
export function sha256Hex(text: string): string {
  const worstCase = text.length * 3 + 72;
  if (buffer.length < worstCase) buffer = new Uint8Array(worstCase * 2);
  const length = encoder.encodeInto(text, buffer).written;
  state.set(INITIAL_STATE);
  absorbLast(state, buffer, length, 0, words);
  let hex = "";
  for (const v of state) {
    hex += HEX[(v >>> 24) & 255]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
  }
  return hex;
}
