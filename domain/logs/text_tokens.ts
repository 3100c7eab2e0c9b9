/**
 * How free text is cut into searchable words, defined once for every store:
 * maximal runs of letters and digits, lowercased. The search engines get the
 * same rule as a pattern tokenizer in their index templates, and the Postgres
 * store builds its `tsvector`s and `tsquery`s from {@linkcode textTokens}
 * itself, so a word or phrase matches the same events in all of them (the
 * engines' standard analyser and Postgres' text parser each split e-mail
 * addresses, paths and hyphenated words differently).
 */
export const TEXT_TOKEN_SEPARATOR = "[^\\p{L}\\p{N}]+";

/**
 * Words are cut to this many UTF-16 units (a `truncate` filter in the
 * engines), so a base64 blob in a message is still indexable everywhere.
 */
export const TEXT_TOKEN_MAX_LENGTH = 255;

const SEPARATOR = new RegExp(TEXT_TOKEN_SEPARATOR, "u");

/** The searchable words of `text`, in order. */
export function textTokens(text: string): string[] {
  return text.split(SEPARATOR).filter((t) => t !== "").map((t) =>
    t.toLowerCase().slice(0, TEXT_TOKEN_MAX_LENGTH)
  );
}
