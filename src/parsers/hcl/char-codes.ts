/** Character classes for the HCL scanner, by UTF-16 code unit (table lookups for ASCII). */

export const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Ampersand = 38,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Less = 60,
  Equals = 61,
  Greater = 62,
  Question = 63,
  UpperA = 65,
  UpperE = 69,
  UpperU = 85,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  LowerA = 97,
  LowerE = 101,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  LowerZ = 122,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

/** ASCII identifier classes: 1 = may start an identifier, 2 = may continue one (bit flags). */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const letter =
    (code >= Char.LowerA && code <= Char.LowerZ) ||
    (code >= Char.UpperA && code <= Char.UpperZ) ||
    code === Char.Underscore;
  const digit = code >= Char.Digit0 && code <= Char.Digit9;
  ASCII_CLASS[code] = (letter ? 1 : 0) | (letter || digit || code === Char.Minus ? 2 : 0);
}

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

export function isDigit(code: number): boolean {
  return code >= Char.Digit0 && code <= Char.Digit9;
}

/**
 * Width in UTF-16 units of the identifier-start character at `offset` (0 if there is none):
 * Unicode ID_Start or "_". Astral characters take two units.
 */
export function identifierStartWidth(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  if (code < 128) return ASCII_CLASS[code] & 1;
  if (Number.isNaN(code)) return 0;
  const point = text.codePointAt(offset) as number;
  return ID_START.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0;
}

/** Width of the identifier-continue character at `offset` (ID_Continue or "-"), 0 if none. */
export function identifierPartWidth(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  if (code < 128) return ASCII_CLASS[code] >> 1;
  if (Number.isNaN(code)) return 0;
  const point = text.codePointAt(offset) as number;
  return ID_CONTINUE.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0;
}

/** Fast ASCII check for the identifier-continue class; non-ASCII needs `identifierPartWidth`. */
export function isAsciiIdentifierPart(code: number): boolean {
  return code < 128 && (ASCII_CLASS[code] & 2) !== 0;
}

/**
 * The code point whose `length` hexadecimal digits (4 after `\u`, 8 after `\U`) start at `at`; or,
 * where there are fewer digits or they are not a Unicode scalar value, -1 minus the number of digits.
 */
export function unicodeEscapeAt(text: string, at: number, limit: number, length: number): number {
  let point = 0;
  let digits = 0;
  while (digits < length && at + digits < limit) {
    const digit = hexValue(text.charCodeAt(at + digits));
    if (digit < 0) break;
    point = point * 16 + digit;
    digits++;
  }
  return digits === length && point <= 0x10ffff && !(point >= 0xd800 && point <= 0xdfff) ? point : -1 - digits;
}

/** The value of a hexadecimal digit, or -1. */
function hexValue(code: number): number {
  if (code >= Char.Digit0 && code <= Char.Digit9) return code - Char.Digit0;
  const lower = code | 0x20;
  if (lower >= Char.LowerA && lower <= 102) return lower - Char.LowerA + 10;
  return -1;
}

export function isNewline(code: number): boolean {
  return code === Char.LineFeed || code === Char.CarriageReturn;
}

/** How a character is described in "found ..." messages. */
export function describeAt(text: string, offset: number, limit = text.length): string {
  if (offset >= limit) return limit < text.length ? "the end of the region" : "end of file";
  const code = text.charCodeAt(offset);
  if (code === Char.LineFeed || code === Char.CarriageReturn) return "a newline";
  if (code === 0xfffd) return "an invalid character (not UTF-8)";
  if (code < 32 || code === 127) return `a control character (0x${code.toString(16).padStart(2, "0")})`;
  const end = Math.min(limit, offset + 12);
  let stop = offset + Math.max(1, identifierPartWidth(text, offset));
  if (stop > offset + 1 || isAsciiIdentifierPart(code)) {
    for (let width = identifierPartWidth(text, stop); stop < end && width > 0; width = identifierPartWidth(text, stop))
      stop += width;
  } else if (code >= 0xd800 && code <= 0xdbff) stop = offset + 2;
  return `"${text.slice(offset, stop)}"`;
}
