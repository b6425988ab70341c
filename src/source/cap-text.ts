/**
 * Values quoted in messages are capped: a message needs enough of a value to recognise it, and a
 * value read from a file must not reach a report whole (a secret, or megabytes of generated text).
 */
export const MAX_QUOTED_CHARACTERS = 120;

export function capText(text: string, max = MAX_QUOTED_CHARACTERS): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair.
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? "")) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A value interpolated into a message: each unbroken run of characters (a host name, a token, a
 * line of a file) capped at `MAX_QUOTED_CHARACTERS`, the whole at a few times that, so that a
 * rule's own prose passes whole while no file reaches a report at length.
 */
export function capQuoted(text: string): string {
  const runs = text.length > MAX_QUOTED_CHARACTERS ? text.replace(/\S{121,}/g, (run) => capText(run)) : text;
  return capText(runs, 4 * MAX_QUOTED_CHARACTERS);
}
