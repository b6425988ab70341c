/**
 * A string built by concatenation is a rope in V8: one 32-byte node per piece, kept as long as
 * the string is. Reading a character makes V8 flatten it into one sequential copy, so the pieces
 * can be collected. For strings kept for the whole scan (trace messages, findings' messages): a
 * trace message went from about 440 bytes to 90.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
