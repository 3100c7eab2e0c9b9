import type { SortPosition } from "./ports.ts";

/**
 * The text of every signed cursor the API hands out (log pages, audit trail
 * pages): a base64url body, a dot, a base64url HMAC-SHA-256. Anything else
 * is refused before any signature is checked, and the document publishes
 * this shape.
 */
export const SIGNED_CURSOR = /^[A-Za-z0-9_-]{1,4052}\.[A-Za-z0-9_-]{43}$/;
/** The longest cursor, in characters (kept well below the URL limits). */
export const SIGNED_CURSOR_MAX_CHARS = 4096;

/** What a pagination cursor carries between pages. */
export interface CursorState {
  /** Where the next page starts. */
  readonly position: SortPosition;
  /** The store's snapshot (point in time), once one is open. */
  readonly snapshot?: string;
  /** The resolved time range of page one, so "last 15 minutes" does not slide. */
  readonly from: string;
  readonly to: string;
}

/** Who and what a cursor belongs to; a cursor only opens for the same binding. */
export interface CursorBinding {
  readonly principalId: string;
  /** The normalized search (see `searchKey`). */
  readonly searchKey: string;
}

/**
 * Seals cursor state into an opaque, signed, expiring token bound to one
 * caller and one search, and opens it again. Opening a token that was
 * altered, has expired, or belongs to another caller or another search fails
 * with `LOG_CURSOR_INVALID`.
 */
export interface CursorCodec {
  seal(state: CursorState, binding: CursorBinding): Promise<string>;
  open(token: string, binding: CursorBinding): Promise<CursorState>;
}
