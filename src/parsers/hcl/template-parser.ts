/**
 * HCL templates: quoted strings (with backslash escapes), heredocs (`<<EOT`, and `<<-EOT` with
 * the common indentation removed) and raw templates (a region of a file, for Terraform JSON).
 * All support `${…}` interpolations, `%{if}`/`%{for}` directives, `~` strip markers and the
 * `$${`/`%%{` escapes. Literal text is normalized to NFC, as HashiCorp's parser does.
 */
import type { Expression, TemplateExpression, TemplatePart } from "./ast.js";
import { Char, identifierPartWidth, identifierStartWidth, isNewline, unicodeEscapeAt } from "./char-codes.js";
import { ExpressionParser } from "./expression-parser.js";
import { exactly } from "./scanner.js";

/** What ends a template and whether backslash escapes apply. */
const enum TemplateKind {
  /** Ends at `"` (or, in error, a newline); backslash escapes apply. */
  Quoted,
  /** Ends at the limit (the heredoc's closing line, or a region's end); no backslash escapes. */
  Unquoted,
}

const LEADING_SPACE = /^\s+/;
const TRAILING_SPACE = /\s+$/;

export abstract class TemplateParser extends ExpressionParser {
  /**
   * A quoted string. Most strings have no escapes, interpolations or directives: they are read
   * in one scan as a Literal; the others are parsed as templates (still a Literal if all text).
   */
  protected parseQuotedString(): Expression {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    let pos = start + 1;
    let ascii = true;
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (code === Char.Quote) {
        const raw = text.slice(start + 1, pos);
        this.pos = pos + 1;
        return { kind: "Literal", value: ascii ? raw : raw.normalize("NFC"), start, end: pos + 1 };
      }
      if (code === Char.Backslash || code === Char.LineFeed || code === Char.CarriageReturn) break;
      if ((code === Char.Dollar || code === Char.Percent) && text.charCodeAt(pos + 1) === Char.OpenBrace) break;
      if (code > 127) ascii = false;
      pos++;
    }
    const template = this.parseQuotedTemplate();
    const parts = template.parts;
    if (parts.length === 0) return { kind: "Literal", value: "", start: template.start, end: template.end };
    if (parts.length === 1 && parts[0].kind === "TemplateLiteral")
      return { kind: "Literal", value: parts[0].value, start: template.start, end: template.end };
    return template;
  }

  /** A quoted template, from its opening quote; also used for block labels. */
  protected parseQuotedTemplate(): TemplateExpression {
    const start = this.pos;
    this.pos++;
    const parts = this.parseTemplateParts(TemplateKind.Quoted, false, false);
    if (this.peek() === Char.Quote) this.pos++;
    else {
      // Reported where the quote is missing, as HashiCorp does; the detail says where the string began.
      const opened = this.file.position(start);
      if (!this.itemHasError)
        this.error(
          this.pos,
          this.pos + 1,
          "Unterminated template string",
          `Expected a closing quote for the string that starts at line ${opened.line}, column ${opened.column}, but found ${this.found()}.`,
        );
      this.itemHasError = true;
    }
    return { kind: "Template", parts, start, end: this.pos };
  }

  /** A template over the whole region (Terraform JSON strings): no quotes, no backslash escapes. */
  parseRawTemplate(): TemplateExpression {
    const start = this.pos;
    const parts = this.parseTemplateParts(TemplateKind.Unquoted, false, false);
    return { kind: "Template", parts, start, end: this.pos };
  }

  protected parseHeredoc(): Expression {
    const text = this.text;
    const start = this.pos;
    this.pos += 2;
    const indented = text.charCodeAt(this.pos) === Char.Minus;
    if (indented) this.pos++;
    const markerStart = this.pos;
    if (this.pos >= this.limit || identifierStartWidth(text, this.pos) === 0) {
      if (!this.itemHasError)
        this.error(
          start,
          this.pos + 1,
          "Invalid heredoc",
          `Expected a delimiter word after "<<${indented ? "-" : ""}", but found ${this.found()}.`,
        );
      this.itemHasError = true;
      return { kind: "Invalid", start, end: this.pos };
    }
    const marker = this.readIdentifier();
    if (!this.consumeNewline()) {
      if (!this.itemHasError)
        this.error(
          markerStart,
          this.pos,
          "Invalid heredoc",
          `Expected a newline after the heredoc delimiter "${marker}", but found ${this.found()}.`,
        );
      this.itemHasError = true;
      return { kind: "Invalid", start, end: this.pos };
    }
    // The closing line holds the marker alone, optionally indented.
    const contentEnd = heredocClosingLine(text, this.pos, this.limit, marker);
    if (contentEnd < 0) {
      const opened = this.file.position(start);
      if (!this.itemHasError)
        this.error(
          this.limit,
          this.limit,
          "Unterminated template string",
          `Expected a line holding only the heredoc delimiter "${marker}" (and a newline) to close the heredoc that starts at line ${opened.line}, column ${opened.column}, but found ${this.found(this.limit)}.`,
        );
      this.itemHasError = true;
      this.pos = this.limit;
      return { kind: "Invalid", start, end: this.limit };
    }
    const savedLimit = this.limit;
    this.limit = contentEnd;
    const parts = this.parseTemplateParts(TemplateKind.Unquoted, false, false);
    this.limit = savedLimit;
    if (indented) stripIndentation(parts);
    this.pos = heredocMarkerEnd(text, contentEnd, marker);
    return { kind: "Template", parts, heredoc: { marker, indented }, start, end: this.pos };
  }

  /**
   * Template parts up to the end of the template (closing quote or limit) or, inside a directive,
   * up to the next `%{else}`/`%{endif}`/`%{endfor}` (left for the caller). `stripFirst` applies a
   * preceding `~}` to the first literal.
   */
  private parseTemplateParts(kind: TemplateKind, inDirective: boolean, stripFirst: boolean): TemplatePart[] {
    const text = this.text;
    const parts: TemplatePart[] = [];
    /** Decoded literal text before `segmentStart`; the source from `segmentStart` is still raw. */
    let literal = "";
    let literalStart = this.pos;
    let segmentStart = this.pos;
    let ascii = true;
    let stripNext = stripFirst;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code > 127) {
        ascii = false;
        this.pos++;
        continue;
      }
      if (kind === TemplateKind.Quoted) {
        if (code === Char.Quote || code === Char.LineFeed || code === Char.CarriageReturn) break;
        if (code === Char.Backslash) {
          literal += text.slice(segmentStart, this.pos) + this.readEscape();
          segmentStart = this.pos;
          continue;
        }
      }
      if ((code === Char.Dollar || code === Char.Percent) && this.pos + 1 < this.limit) {
        const next = text.charCodeAt(this.pos + 1);
        if (next === code && text.charCodeAt(this.pos + 2) === Char.OpenBrace && this.pos + 2 < this.limit) {
          // `$${` and `%%{` are the literal text `${` and `%{`.
          literal += text.slice(segmentStart, this.pos + 1);
          this.pos += 2;
          segmentStart = this.pos;
          continue;
        }
        if (next === Char.OpenBrace) {
          const introducer = this.pos;
          const stripLeft = text.charCodeAt(introducer + 2) === Char.Tilde;
          const ending = code === Char.Percent && inDirective && this.atDirectiveEnd();
          literal += text.slice(segmentStart, introducer);
          if (literal.length > 0 || introducer > literalStart)
            pushLiteral(parts, literal, ascii, stripNext, stripLeft, literalStart, introducer);
          literal = "";
          ascii = true;
          stripNext = false;
          if (ending) return exactly(parts);
          this.pos = introducer + (stripLeft ? 3 : 2);
          const part =
            code === Char.Dollar ? this.parseInterpolation(introducer) : this.parseDirective(introducer, kind);
          if (part !== undefined) {
            parts.push(part.part);
            stripNext = part.stripRight;
          }
          segmentStart = this.pos;
          literalStart = this.pos;
          continue;
        }
      }
      this.pos++;
    }
    literal += text.slice(segmentStart, this.pos);
    if (literal.length > 0 || this.pos > literalStart)
      pushLiteral(parts, literal, ascii, stripNext, false, literalStart, this.pos);
    return exactly(parts);
  }

  /** After a backslash in a quoted template: the decoded character(s), or "" after a diagnostic. */
  private readEscape(): string {
    const text = this.text;
    const start = this.pos;
    const code = this.pos + 1 < this.limit ? text.charCodeAt(this.pos + 1) : NaN;
    this.pos = Math.min(this.pos + 2, this.limit);
    switch (code) {
      case Char.LowerN:
        return "\n";
      case Char.LowerR:
        return "\r";
      case Char.LowerT:
        return "\t";
      case Char.Quote:
        return '"';
      case Char.Backslash:
        return "\\";
      case Char.LowerU:
      case Char.UpperU: {
        const length = code === Char.LowerU ? 4 : 8;
        const point = unicodeEscapeAt(text, this.pos, this.limit, length);
        if (point >= 0) {
          this.pos += length;
          return String.fromCodePoint(point);
        }
        this.pos += -1 - point;
        this.error(
          start,
          this.pos,
          "Invalid escape sequence",
          `Expected ${length} hexadecimal digits of a Unicode character after "\\${String.fromCharCode(code)}".`,
        );
        this.itemHasError = true;
        return "";
      }
      default: {
        const what =
          Number.isNaN(code) || isNewline(code)
            ? "a backslash at the end of the line"
            : `the escape sequence "\\${String.fromCharCode(code)}"`;
        if (isNewline(code)) this.pos--;
        this.error(
          start,
          this.pos,
          "Invalid escape sequence",
          `Found ${what}; use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN.`,
        );
        this.itemHasError = true;
        return "";
      }
    }
  }

  /** `${ expr }` after the introducer; `pos` is past `${` (and any `~`). */
  private parseInterpolation(start: number): { part: TemplatePart; stripRight: boolean } | undefined {
    if (!this.enter()) {
      this.tooDeep(start);
      return undefined;
    }
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    const expression = this.parseExpression();
    const stripRight = this.closeTemplateItem('"}" to close the interpolation');
    this.newlineSensitive = saved;
    this.leave();
    const stripLeft = this.text.charCodeAt(start + 2) === Char.Tilde;
    return {
      part: { kind: "TemplateInterpolation", expression, stripLeft, stripRight, start, end: this.pos },
      stripRight,
    };
  }

  /** `~}` or `}` closing an interpolation or directive; returns whether `~` was there. */
  private closeTemplateItem(what: string): boolean {
    this.skipTrivia(true);
    let stripRight = false;
    if (this.peek() === Char.Tilde) {
      stripRight = true;
      this.pos++;
    }
    if (!this.expectChar(Char.CloseBrace, what)) this.skipPastTemplateClose();
    return stripRight;
  }

  private skipPastTemplateClose(): void {
    while (this.pos < this.limit) {
      const code = this.text.charCodeAt(this.pos);
      if (code === Char.CloseBrace) {
        this.pos++;
        return;
      }
      if (code === Char.Quote || isNewline(code)) return;
      this.pos++;
    }
  }

  private atDirectiveEnd(): boolean {
    const word = directiveWordAt(this.text, this.pos, this.limit);
    return word === "else" || word === "endif" || word === "endfor";
  }

  /** Consumes `%{~ word ~}` (the word already known); returns whether it strips what follows. */
  private consumeEndDirective(): boolean {
    this.pos += 2;
    if (this.peek() === Char.Tilde) this.pos++;
    this.skipTrivia(true);
    while (this.pos < this.limit && identifierPartWidth(this.text, this.pos) > 0) this.pos++;
    return this.closeTemplateItem('"}" to close the template directive');
  }

  /** `%{ if … }` or `%{ for … }` through its `%{ endif }`/`%{ endfor }`; `pos` is past `%{` (and `~`). */
  private parseDirective(start: number, kind: TemplateKind): { part: TemplatePart; stripRight: boolean } | undefined {
    if (!this.enter()) {
      this.tooDeep(start);
      return undefined;
    }
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    const result = this.parseDirectiveBody(start, kind);
    this.newlineSensitive = saved;
    this.leave();
    return result;
  }

  private parseDirectiveBody(
    start: number,
    kind: TemplateKind,
  ): { part: TemplatePart; stripRight: boolean } | undefined {
    this.skipTrivia(true);
    const keywordStart = this.pos;
    if (this.peekKeyword("if")) {
      this.pos += 2;
      const condition = this.parseExpression();
      const stripThen = this.closeTemplateItem('"}" to close the template directive');
      const thenStart = this.pos;
      const then: TemplateExpression = {
        kind: "Template",
        parts: this.parseTemplateParts(kind, true, stripThen),
        start: thenStart,
        end: this.pos,
      };
      let elseTemplate: TemplateExpression | undefined;
      let word = this.atIntroducer() ? directiveWordAt(this.text, this.pos, this.limit) : "";
      if (word === "else") {
        const stripElse = this.consumeEndDirective();
        const elseStart = this.pos;
        elseTemplate = {
          kind: "Template",
          parts: this.parseTemplateParts(kind, true, stripElse),
          start: elseStart,
          end: this.pos,
        };
        word = this.atIntroducer() ? directiveWordAt(this.text, this.pos, this.limit) : "";
      }
      if (word !== "endif") {
        this.unterminatedDirective(start, "endif", "if", word);
        return {
          part: { kind: "TemplateIf", condition, then, else: elseTemplate, start, end: this.pos },
          stripRight: false,
        };
      }
      const stripRight = this.consumeEndDirective();
      const part: TemplatePart =
        elseTemplate === undefined
          ? { kind: "TemplateIf", condition, then, start, end: this.pos }
          : { kind: "TemplateIf", condition, then, else: elseTemplate, start, end: this.pos };
      return { part, stripRight };
    }
    if (this.peekKeyword("for")) {
      this.pos += 3;
      const header = this.parseForHeader("template for", "Invalid template directive");
      if (header === undefined) {
        this.skipPastTemplateClose();
        return undefined;
      }
      const collection = this.parseExpression();
      const stripBody = this.closeTemplateItem('"}" to close the template directive');
      const bodyStart = this.pos;
      const body: TemplateExpression = {
        kind: "Template",
        parts: this.parseTemplateParts(kind, true, stripBody),
        start: bodyStart,
        end: this.pos,
      };
      const word = this.atIntroducer() ? directiveWordAt(this.text, this.pos, this.limit) : "";
      const part: TemplatePart = { kind: "TemplateFor", ...header, collection, body, start, end: this.pos };
      if (word !== "endfor") {
        this.unterminatedDirective(start, "endfor", "for", word);
        return { part, stripRight: false };
      }
      const stripRight = this.consumeEndDirective();
      part.end = this.pos;
      return { part, stripRight };
    }
    let end = keywordStart;
    while (end < this.limit && identifierPartWidth(this.text, end) > 0) end++;
    const keyword = this.text.slice(keywordStart, end);
    if (!this.itemHasError)
      this.error(
        start,
        Math.max(end, start + 2),
        "Invalid template directive",
        `Expected "if" or "for" after "%{", but found ${keyword ? `"${keyword}"` : this.found()}.`,
      );
    this.itemHasError = true;
    this.skipPastTemplateClose();
    return undefined;
  }

  private atIntroducer(): boolean {
    return this.peek() === Char.Percent && this.text.charCodeAt(this.pos + 1) === Char.OpenBrace;
  }

  private unterminatedDirective(start: number, closer: string, opener: string, found: string): void {
    if (!this.itemHasError)
      this.error(
        start,
        this.pos,
        "Unterminated template directive",
        `Expected %{ ${closer} } to close the %{ ${opener} } that starts here, but found ${found ? `%{ ${found} }` : this.found()}.`,
      );
    this.itemHasError = true;
  }
}

/**
 * The start of the line closing a heredoc: its marker alone on the line, indented or not, and (as in
 * HashiCorp's scanner) the line's newline, even at the end of a file. -1 where no line before `limit` is.
 */
export function heredocClosingLine(text: string, from: number, limit: number, marker: string): number {
  for (let lineStart = from; lineStart < limit;) {
    let offset = lineStart;
    while (text.charCodeAt(offset) === Char.Space || text.charCodeAt(offset) === Char.Tab) offset++;
    if (text.startsWith(marker, offset)) {
      let after = offset + marker.length;
      if (identifierPartWidth(text, after) === 0) {
        while (text.charCodeAt(after) === Char.Space || text.charCodeAt(after) === Char.Tab) after++;
        if (after < limit && isNewline(text.charCodeAt(after))) return lineStart;
      }
    }
    const newline = text.indexOf("\n", lineStart);
    if (newline < 0 || newline >= limit) break;
    lineStart = newline + 1;
  }
  return -1;
}

/** Where the marker on a heredoc's closing line (starting at `lineStart`) ends. */
export function heredocMarkerEnd(text: string, lineStart: number, marker: string): number {
  let offset = lineStart;
  while (text.charCodeAt(offset) === Char.Space || text.charCodeAt(offset) === Char.Tab) offset++;
  return offset + marker.length;
}

/** At `%{`: the directive keyword (`if`, `else`, …) after any `~` and spaces. */
export function directiveWordAt(text: string, at: number, limit: number): string {
  let offset = at + 2;
  if (text.charCodeAt(offset) === Char.Tilde) offset++;
  while (text.charCodeAt(offset) === Char.Space || text.charCodeAt(offset) === Char.Tab) offset++;
  let end = offset;
  while (end < limit && identifierPartWidth(text, end) > 0) end++;
  return text.slice(offset, end);
}

/** Adds a literal part, normalized to NFC and with any strip markers applied. */
function pushLiteral(
  parts: TemplatePart[],
  text: string,
  ascii: boolean,
  stripStart: boolean,
  stripEnd: boolean,
  start: number,
  end: number,
): void {
  let value = ascii ? text : text.normalize("NFC");
  if (stripStart) value = value.replace(LEADING_SPACE, "");
  if (stripEnd) value = value.replace(TRAILING_SPACE, "");
  parts.push({ kind: "TemplateLiteral", value, start, end });
}

/**
 * `<<-` heredocs: remove the smallest common leading whitespace from every line. Lines that
 * start with an interpolation count with the whitespace before it; blank lines do not count.
 */
function stripIndentation(parts: TemplatePart[]): void {
  let minimum = Infinity;
  let atLineStart = true;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    if (part.kind !== "TemplateLiteral") {
      atLineStart = false;
      continue;
    }
    const lines = part.value.split("\n");
    const followedByExpression = index + 1 < parts.length;
    for (let line = 0; line < lines.length; line++) {
      if (line === 0 && !atLineStart) continue;
      const text = lines[line];
      const hasContent = text.trim() !== "" || (line === lines.length - 1 && followedByExpression);
      if (hasContent) minimum = Math.min(minimum, leadingSpaceLength(text));
    }
    atLineStart = part.value.endsWith("\n");
  }
  if (!Number.isFinite(minimum) || minimum === 0) return;
  atLineStart = true;
  for (const part of parts) {
    if (part.kind !== "TemplateLiteral") {
      atLineStart = false;
      continue;
    }
    const lines = part.value.split("\n");
    for (let line = atLineStart ? 0 : 1; line < lines.length; line++) {
      lines[line] = lines[line].slice(Math.min(minimum, leadingSpaceLength(lines[line])));
    }
    part.value = lines.join("\n");
    atLineStart = part.value.endsWith("\n");
  }
}

/** Length of a line's leading white space (any Unicode space, as HashiCorp counts it). */
function leadingSpaceLength(line: string): number {
  let length = 0;
  for (; length < line.length; length++) {
    const code = line.charCodeAt(length);
    if (code === Char.Space || code === Char.Tab) continue;
    if (code < 128 || !LEADING_SPACE.test(line[length])) break;
  }
  return length;
}
