/** Character classes for the HCL scanner, by UTF-16 code unit. */

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
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  LowerA = 97,
  LowerE = 101,
  LowerZ = 122,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

const ID_START = /[\p{ID_Start}]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

export function isDigit(code: number): boolean {
  return code >= Char.Digit0 && code <= Char.Digit9;
}

export function isIdentifierStart(code: number): boolean {
  if (code < 128) return (code >= Char.LowerA && code <= Char.LowerZ) || (code >= Char.UpperA && code <= Char.UpperZ) || code === Char.Underscore;
  return ID_START.test(String.fromCharCode(code));
}

export function isIdentifierPart(code: number): boolean {
  if (code < 128) return (code >= Char.LowerA && code <= Char.LowerZ) || (code >= Char.UpperA && code <= Char.UpperZ) || isDigit(code) || code === Char.Underscore || code === Char.Minus;
  return ID_CONTINUE.test(String.fromCharCode(code)) || (code >= 0xd800 && code <= 0xdfff);
}

export function isNewline(code: number): boolean {
  return code === Char.LineFeed || code === Char.CarriageReturn;
}

/** How a character is described in "found ..." messages. */
export function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return "end of file";
  const code = text.charCodeAt(offset);
  if (code === Char.LineFeed || code === Char.CarriageReturn) return "a newline";
  if (code === 0xfffd) return "an invalid character (not UTF-8)";
  if (code < 32 || code === 127) return `a control character (0x${code.toString(16).padStart(2, "0")})`;
  const end = Math.min(text.length, offset + 12);
  let stop = offset + 1;
  if (isIdentifierPart(code)) while (stop < end && isIdentifierPart(text.charCodeAt(stop))) stop++;
  return `"${text.slice(offset, stop)}"`;
}
