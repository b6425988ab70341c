/**
 * Splits an RFC 1035 master file into entries: the tokens of one record or directive, joined
 * across lines inside parentheses, with comments collected and offsets kept for every token.
 */
import type { SourceFile } from "../../source/source-file.js";

export interface ZoneToken {
  /** The text as written (quoted strings without their quotes, escapes still escaped). */
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

export interface ZoneEntry {
  tokens: ZoneToken[];
  /** The entry began with white space: the owner is the previous record's. */
  inheritsOwner: boolean;
  start: number;
  end: number;
}

export interface ZoneTokenizerResult {
  entries: ZoneEntry[];
  comments: { start: number; end: number; text: string }[];
  errors: { start: number; end: number; summary: string; detail: string }[];
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const SEMICOLON = 59;
const OPEN = 40;
const CLOSE = 41;
const BACKSLASH = 92;

export function tokenizeZone(file: SourceFile): ZoneTokenizerResult {
  const text = file.text;
  const length = text.length;
  const result: ZoneTokenizerResult = { entries: [], comments: [], errors: [] };
  let position = 0;
  let current: ZoneEntry | undefined;
  let depth = 0;
  let parenStart = 0;
  let lineStart = true;

  const finish = () => {
    if (current && current.tokens.length) result.entries.push(current);
    current = undefined;
  };

  while (position < length) {
    const code = text.charCodeAt(position);
    if (code === LF || code === CR) {
      position++;
      if (depth === 0) {
        finish();
        lineStart = true;
      }
      continue;
    }
    if (code === SPACE || code === TAB) {
      if (lineStart && depth === 0 && !current)
        current = { tokens: [], inheritsOwner: true, start: position, end: position };
      lineStart = false;
      position++;
      continue;
    }
    lineStart = false;
    if (code === SEMICOLON) {
      let end = position;
      while (end < length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
      result.comments.push({ start: position, end, text: text.slice(position, end) });
      position = end;
      continue;
    }
    current ??= { tokens: [], inheritsOwner: false, start: position, end: position };
    if (code === OPEN) {
      if (depth === 0) parenStart = position;
      depth++;
      position++;
      continue;
    }
    if (code === CLOSE) {
      if (depth === 0)
        result.errors.push({
          start: position,
          end: position + 1,
          summary: "unbalanced parentheses",
          detail: 'Found ")" with no "(" open.',
        });
      else depth--;
      position++;
      continue;
    }
    if (code === QUOTE) {
      const start = position;
      position++;
      while (position < length) {
        const inner = text.charCodeAt(position);
        if (inner === BACKSLASH) position += 2;
        else if (inner === QUOTE) break;
        else if ((inner === LF || inner === CR) && depth === 0) break;
        else position++;
      }
      if (text.charCodeAt(position) !== QUOTE) {
        result.errors.push({
          start,
          end: position,
          summary: "unterminated quoted string",
          detail: 'Expected a closing quote (") before the end of the line.',
        });
        current.tokens.push({ text: text.slice(start + 1, position), quoted: true, start, end: position });
        continue;
      }
      position++;
      current.tokens.push({ text: text.slice(start + 1, position - 1), quoted: true, start, end: position });
      current.end = position;
      continue;
    }
    const start = position;
    while (position < length) {
      const inner = text.charCodeAt(position);
      if (inner === BACKSLASH) {
        position += 2;
        continue;
      }
      if (
        inner === SPACE ||
        inner === TAB ||
        inner === LF ||
        inner === CR ||
        inner === SEMICOLON ||
        inner === OPEN ||
        inner === CLOSE ||
        inner === QUOTE
      )
        break;
      position++;
    }
    current.tokens.push({
      text: text.slice(start, Math.min(position, length)),
      quoted: false,
      start,
      end: Math.min(position, length),
    });
    current.end = Math.min(position, length);
  }
  if (depth > 0)
    result.errors.push({
      start: parenStart,
      end: parenStart + 1,
      summary: "unbalanced parentheses",
      detail: 'Expected ")" to close the "(" opened here, but found the end of the file.',
    });
  finish();
  return result;
}

/** Decodes `\DDD` and `\X` escapes of a token. */
export function unescapeZoneText(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(/\\(\d{3}|.)/gs, (_whole, escape: string) =>
    escape.length === 3 ? String.fromCharCode(Number(escape)) : escape,
  );
}
