/**
 * The lexical layer of the HCL parser: position, trivia (spaces, comments, newlines),
 * identifiers, diagnostics and recovery skips. There are no token objects; the parsers above read
 * char codes at `pos` directly, which keeps one pass over the text and few allocations.
 */
import type { Comment, Diagnostic, Expression } from "./ast.js";
import type { SourceFile } from "../../source/source-file.js";
import { Char, describeAt, identifierPartWidth, isAsciiIdentifierPart, isNewline } from "./char-codes.js";

/**
 * Deeper nesting than this (blocks, brackets, templates, unary operators) is refused with a
 * diagnostic. Each level costs a handful of stack frames; this stays far below Node's stack limit.
 */
export const MAX_DEPTH = 500;

/** Direct-mapped cache of identifier strings, so repeated names share one string (less memory). */
const NAME_CACHE_SIZE = 4096;
const nameCache: (string | undefined)[] = new Array<string | undefined>(NAME_CACHE_SIZE);
/**
 * A number kept with each cached name (the body parser's attribute name id), -1 when none: a
 * string's id is found by one pointer comparison instead of a map lookup, which hashes and
 * compares the characters of a string that is not the map's key.
 */
const nameNumbers = new Int32Array(NAME_CACHE_SIZE).fill(-1);

/**
 * The items as an array of exactly their length. An array grown by push keeps room for 17 or more;
 * syntax trees are kept for the whole scan and most of their lists hold one to three items, so the
 * spare room was a large share of the heap (and of the garbage collector's work).
 */
export function exactly<T>(items: T[]): T[] {
  return items.length ? items.slice() : [];
}

/** At a `#` or `//` comment: where it ends, before the newline (and a carriage return before it). */
export function lineCommentEnd(text: string, start: number, limit: number): number {
  let end = text.indexOf("\n", start);
  if (end < 0 || end > limit) end = limit;
  if (end > start && text.charCodeAt(end - 1) === Char.CarriageReturn) end--;
  return end;
}

/** At a block comment: the offset after the star and slash closing it, or -1 when none does before `limit`. */
export function blockCommentEnd(text: string, start: number, limit: number): number {
  const close = text.indexOf("*/", start + 2);
  return close < 0 || close + 2 > limit ? -1 : close + 2;
}

/** At `[`: the offset after a `[*]` splat bracket (spaces allowed inside), or 0 if it is not one. */
export function splatBracketEnd(text: string, open: number, limit: number): number {
  let offset = open + 1;
  while (text.charCodeAt(offset) === Char.Space || text.charCodeAt(offset) === Char.Tab) offset++;
  if (text.charCodeAt(offset) !== Char.Star) return 0;
  offset++;
  while (text.charCodeAt(offset) === Char.Space || text.charCodeAt(offset) === Char.Tab) offset++;
  if (text.charCodeAt(offset) !== Char.CloseBracket || offset >= limit) return 0;
  return offset + 1;
}

export class Scanner {
  pos: number;
  /** Current nesting depth, bounded by MAX_DEPTH. */
  protected depth = 0;
  /** True where a newline ends the construct (bodies, object constructors); false in (), [] and ${}. */
  protected newlineSensitive = true;
  /** Errors inside one item after the first are usually cascades; report one per item. */
  protected itemHasError = false;
  readonly diagnostics: Diagnostic[] = [];
  readonly comments: Comment[] = [];
  /** The start of the last comment recorded. */
  protected lastCommentStart = -1;

  constructor(
    protected file: SourceFile,
    protected text: string,
    start: number,
    protected limit: number,
  ) {
    this.pos = start;
  }

  /** Reads `[start, limit)` of `file` from the beginning, as a new scanner would. */
  protected restart(file: SourceFile, start: number, limit: number): void {
    this.file = file;
    this.text = file.text;
    this.pos = start;
    this.limit = limit;
    this.depth = 0;
    this.newlineSensitive = true;
    this.itemHasError = false;
    this.diagnostics.length = 0;
    this.comments.length = 0;
    this.lastCommentStart = -1;
  }

  /** Skips spaces and comments; newlines too when `skipNewlines` is set. Records comments once. */
  protected skipTrivia(skipNewlines: boolean): void {
    const text = this.text;
    const limit = this.limit;
    let pos = this.pos;
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (code === Char.Space || code === Char.Tab) {
        pos++;
      } else if (code === Char.LineFeed || code === Char.CarriageReturn) {
        if (!skipNewlines) break;
        pos++;
      } else if (code === Char.Hash || (code === Char.Slash && text.charCodeAt(pos + 1) === Char.Slash)) {
        // A line comment ends before the newline, which stays a token where newlines matter.
        const end = lineCommentEnd(text, pos, limit);
        this.recordComment(pos, end);
        pos = end;
      } else if (code === Char.Slash && text.charCodeAt(pos + 1) === Char.Star) {
        const end = blockCommentEnd(text, pos, limit);
        if (end < 0) {
          this.error(
            pos,
            pos + 2,
            "Unterminated comment",
            'Expected "*/" to close the comment that starts here, but found end of file.',
          );
          pos = limit;
          break;
        }
        this.recordComment(pos, end);
        pos = end;
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  protected recordComment(start: number, end: number): void {
    // Backtracking (peeks) can pass a comment twice; offsets only grow otherwise.
    if (start <= this.lastCommentStart) return;
    this.lastCommentStart = start;
    this.comments.push({ start, end, text: this.text.slice(start, end) });
  }

  protected consumeNewline(): boolean {
    const code = this.text.charCodeAt(this.pos);
    if (code === Char.CarriageReturn && this.text.charCodeAt(this.pos + 1) === Char.LineFeed) {
      this.pos += 2;
      return true;
    }
    if (isNewline(code) && this.pos < this.limit) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Reads an identifier whose first character the caller has checked; returns a shared string. */
  protected readIdentifier(): string {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    let pos = start + (text.charCodeAt(start) >= 0xd800 && text.charCodeAt(start) <= 0xdbff ? 2 : 1);
    let hash = text.charCodeAt(start);
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (isAsciiIdentifierPart(code)) {
        hash = (Math.imul(hash, 31) + code) | 0;
        pos++;
      } else if (code >= 128) {
        const width = identifierPartWidth(text, pos);
        if (width === 0) break;
        hash = (Math.imul(hash, 31) + code) | 0;
        pos += width;
      } else break;
    }
    this.pos = pos;
    return this.sharedSlice(start, pos, hash);
  }

  /** The name cache slot of the string `sharedSlice` (and so `readIdentifier`) returned last. */
  protected nameSlot = 0;

  /**
   * `text.slice(start, end)` as a shared string from the name cache. `hash` is the first char code,
   * then `hash * 31 + code` for each following one (as `readIdentifier` computes it).
   */
  protected sharedSlice(start: number, end: number, hash: number): string {
    const text = this.text;
    const slot = (hash ^ (hash >>> 12) ^ (end - start)) & (NAME_CACHE_SIZE - 1);
    this.nameSlot = slot;
    const cached = nameCache[slot];
    if (cached !== undefined && cached.length === end - start && text.startsWith(cached, start)) return cached;
    const name = text.slice(start, end);
    nameCache[slot] = name;
    nameNumbers[slot] = -1;
    return name;
  }

  /** The number kept with `name`, read from name cache slot `slot` (`nameSlot`), or -1. */
  protected numberOfName(name: string, slot: number): number {
    return nameCache[slot] === name ? nameNumbers[slot] : -1;
  }

  /** Keeps a number with `name` while it stays in the cache. */
  protected keepNumberOfName(name: string, slot: number, number: number): void {
    if (nameCache[slot] === name) nameNumbers[slot] = number;
  }

  /** True at `word` followed by a non-identifier character. */
  protected peekKeyword(word: string): boolean {
    const end = this.pos + word.length;
    return (
      end <= this.limit &&
      this.text.startsWith(word, this.pos) &&
      (end >= this.limit || identifierPartWidth(this.text, end) === 0)
    );
  }

  protected peekEllipsis(): boolean {
    const text = this.text;
    return (
      text.charCodeAt(this.pos) === Char.Dot &&
      text.charCodeAt(this.pos + 1) === Char.Dot &&
      text.charCodeAt(this.pos + 2) === Char.Dot &&
      this.pos + 3 <= this.limit
    );
  }

  /** The char code at `pos`, or NaN at the limit (so comparisons with any char fail). */
  protected peek(): number {
    return this.pos < this.limit ? this.text.charCodeAt(this.pos) : NaN;
  }

  protected expectChar(code: number, what: string): boolean {
    if (this.pos < this.limit && this.text.charCodeAt(this.pos) === code) {
      this.pos++;
      return true;
    }
    if (!this.itemHasError)
      this.error(this.pos, this.pos + 1, "Missing closing delimiter", `Expected ${what}, but found ${this.found()}.`);
    this.itemHasError = true;
    return false;
  }

  /** Describes what is at `pos` for "but found ..." messages. */
  protected found(at = this.pos): string {
    return describeAt(this.text, at, this.limit);
  }

  protected error(start: number, end: number, summary: string, detail: string): void {
    const clampedStart = Math.min(start, this.text.length);
    this.diagnostics.push({
      severity: "error",
      summary,
      detail,
      file: this.file,
      start: clampedStart,
      end: Math.max(clampedStart, Math.min(end, this.text.length)),
    });
  }

  // ---- nesting ------------------------------------------------------------------------------

  /** Enters one nesting level; false (and the caller must not descend) beyond MAX_DEPTH. */
  protected enter(): boolean {
    if (this.depth >= MAX_DEPTH) return false;
    this.depth++;
    return true;
  }

  protected leave(): void {
    this.depth--;
  }

  /** Reports nesting beyond MAX_DEPTH once per item and skips the construct starting at `start`. */
  protected tooDeep(start: number): Expression {
    if (!this.itemHasError)
      this.error(
        start,
        start + 1,
        "Nesting too deep",
        `Blocks and expressions nested more than ${MAX_DEPTH} levels deep are not supported.`,
      );
    this.itemHasError = true;
    this.skipBalanced(start);
    return { kind: "Invalid", start, end: this.pos };
  }

  // ---- recovery -----------------------------------------------------------------------------

  /** Skips a quoted string from its opening quote to past its closing quote (or the line end). */
  private skipString(): void {
    const text = this.text;
    this.pos++;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Backslash) this.pos += 2;
      else if (code === Char.Quote) {
        this.pos++;
        return;
      } else if (isNewline(code)) return;
      else this.pos++;
    }
    if (this.pos > this.limit) this.pos = this.limit;
  }

  /**
   * Skips to the end of the line (over brackets and strings), or to a `}` that closes an enclosing
   * construct, whichever comes first. With `stopAtNewline` false, only that `}` stops it.
   */
  protected skipToLineEndOrClose(stopAtNewline: boolean): void {
    const text = this.text;
    let depth = 0;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Quote) {
        this.skipString();
        continue;
      }
      if (code === Char.OpenBrace || code === Char.OpenBracket || code === Char.OpenParen) depth++;
      else if (code === Char.CloseBracket || code === Char.CloseParen) depth = Math.max(0, depth - 1);
      else if (code === Char.CloseBrace) {
        if (depth === 0) return;
        depth--;
      } else if (stopAtNewline && depth === 0 && isNewline(code)) return;
      this.pos++;
    }
  }

  /** Skips from `start` past the end of the bracketed construct there (for too-deep input). */
  protected skipBalanced(start: number): void {
    const text = this.text;
    let depth = 0;
    let opened = false;
    this.pos = start;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Quote) {
        this.skipString();
        continue;
      }
      if (code === Char.OpenBrace || code === Char.OpenBracket || code === Char.OpenParen) {
        depth++;
        opened = true;
      } else if (code === Char.CloseBrace || code === Char.CloseBracket || code === Char.CloseParen) {
        if (depth <= 0) return;
        depth--;
        if (depth === 0 && opened) {
          this.pos++;
          return;
        }
      } else if (depth <= 0 && isNewline(code)) return;
      this.pos++;
    }
  }

  /** Skips to the bracket closing the construct being parsed (depth 0), and past it if it is `close`. */
  protected skipToClose(start: number, close: number): Expression {
    const text = this.text;
    let depth = 0;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Quote) {
        this.skipString();
        continue;
      }
      if (code === Char.OpenBrace || code === Char.OpenBracket || code === Char.OpenParen) depth++;
      else if (code === Char.CloseBrace || code === Char.CloseBracket || code === Char.CloseParen) {
        if (depth === 0) {
          if (code === close) this.pos++;
          break;
        }
        depth--;
      }
      this.pos++;
    }
    return { kind: "Invalid", start, end: this.pos };
  }
}
