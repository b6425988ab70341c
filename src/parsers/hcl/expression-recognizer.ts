/**
 * Finds where a body's attribute expression ends without building its tree, for the module
 * loader's compact parse (`lazyExpressions`), which keeps only the expression's offsets and parses
 * it again when read. Building the tree once to throw it away was most of the parser's time and
 * garbage.
 *
 * Each method mirrors one of the parser's (expression-parser.ts, template-parser.ts) step for step,
 * returning the offset the parser's node would end at, or -1 where the parser would report an
 * error (or reach a construct this does not follow: template directives). It reports nothing: on
 * -1 the caller runs the full parser from the same place, which reports the errors exactly as
 * before. So a recognized expression is one the parser accepts with no diagnostic, ending at the
 * same offset, with the same comments passed on the way (test/hcl-recognizer.test.ts compares the
 * two on every file the project has and on damaged and generated inputs).
 */
import {
  Char,
  identifierPartWidth,
  identifierStartWidth,
  isAsciiIdentifierPart,
  isDigit,
  isNewline,
  unicodeEscapeAt,
} from "./char-codes.js";
import { MAX_DEPTH, blockCommentEnd, lineCommentEnd, splatBracketEnd } from "./scanner.js";
import { directiveWordAt, heredocClosingLine, heredocMarkerEnd } from "./template-parser.js";

/** Where the parser would report an error. */
const FAIL = -1;

/** The words that end a template directive's part. */
const enum DirectiveWord {
  Other,
  Else,
  EndIf,
  EndFor,
}

export class ExpressionRecognizer {
  private text = "";
  private limit = 0;
  pos = 0;
  private depth = 0;
  private newlineSensitive = true;
  private lastCommentStart = -1;
  /** Where the recognized expression starts (after spaces and comments). */
  expressionStart = 0;
  /**
   * Start and end offsets of the comments passed, in order, as the parser would record them: the
   * first `commentCount` pairs (the list is reused, not truncated).
   */
  readonly comments: number[] = [];
  commentCount = 0;

  /**
   * The end of the expression starting at `start` in a body (newline-sensitive) at block nesting
   * `depth`, or -1. On success `pos` is where the parser's `parseExpression` leaves it (after the
   * trailing spaces and comments of the line) and `expressionStart` where the expression begins.
   */
  recognize(text: string, start: number, limit: number, depth: number, lastCommentStart: number): number {
    this.text = text;
    this.pos = start;
    this.limit = limit;
    this.depth = depth;
    this.newlineSensitive = true;
    this.lastCommentStart = lastCommentStart;
    this.commentCount = 0;
    if (!this.trivia(false)) return FAIL;
    this.expressionStart = this.pos;
    return this.expression();
  }

  // ---- lexical (scanner.ts) -------------------------------------------------------------------

  /** Scanner.skipTrivia; false where it would report an unterminated comment. */
  private trivia(skipNewlines: boolean): boolean {
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
        const end = lineCommentEnd(text, pos, limit);
        this.comment(pos, end);
        pos = end;
      } else if (code === Char.Slash && text.charCodeAt(pos + 1) === Char.Star) {
        const end = blockCommentEnd(text, pos, limit);
        if (end < 0) return false;
        this.comment(pos, end);
        pos = end;
      } else break;
    }
    this.pos = pos;
    return true;
  }

  private comment(start: number, end: number): void {
    if (start <= this.lastCommentStart) return;
    this.lastCommentStart = start;
    const at = this.commentCount++ * 2;
    this.comments[at] = start;
    this.comments[at + 1] = end;
  }

  /** Scanner.readIdentifier without the string. */
  private identifier(): void {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    let pos = start + (text.charCodeAt(start) >= 0xd800 && text.charCodeAt(start) <= 0xdbff ? 2 : 1);
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (isAsciiIdentifierPart(code)) pos++;
      else if (code >= 128) {
        const width = identifierPartWidth(text, pos);
        if (width === 0) break;
        pos += width;
      } else break;
    }
    this.pos = pos;
  }

  private peek(): number {
    return this.pos < this.limit ? this.text.charCodeAt(this.pos) : NaN;
  }

  private peekKeyword(word: string): boolean {
    const end = this.pos + word.length;
    return (
      end <= this.limit &&
      this.text.startsWith(word, this.pos) &&
      (end >= this.limit || identifierPartWidth(this.text, end) === 0)
    );
  }

  private peekEllipsis(): boolean {
    const text = this.text;
    return (
      text.charCodeAt(this.pos) === Char.Dot &&
      text.charCodeAt(this.pos + 1) === Char.Dot &&
      text.charCodeAt(this.pos + 2) === Char.Dot &&
      this.pos + 3 <= this.limit
    );
  }

  /** Scanner.expectChar; false where it would report. */
  private expectChar(code: number): boolean {
    if (this.pos < this.limit && this.text.charCodeAt(this.pos) === code) {
      this.pos++;
      return true;
    }
    return false;
  }

  private enter(): boolean {
    if (this.depth >= MAX_DEPTH) return false;
    this.depth++;
    return true;
  }

  // ---- expressions (expression-parser.ts) -----------------------------------------------------

  private expression(): number {
    const conditionEnd = this.binary();
    if (conditionEnd < 0 || !this.trivia(!this.newlineSensitive)) return FAIL;
    if (this.peek() !== Char.Question) return conditionEnd;
    this.pos++;
    if (!this.enter()) return FAIL;
    if (this.expression() < 0 || !this.trivia(!this.newlineSensitive) || !this.expectChar(Char.Colon)) return FAIL;
    const end = this.expression();
    this.depth--;
    return end;
  }

  /**
   * Operands joined by binary operators. Precedence shapes the parser's tree, not where it ends
   * or what it accepts: every operator is followed by an operand, whatever it binds to.
   */
  private binary(): number {
    let end = this.unary();
    for (;;) {
      if (end < 0 || !this.trivia(!this.newlineSensitive)) return FAIL;
      const length = this.binaryOperatorLength();
      if (length === 0) return end;
      this.pos += length;
      end = this.unary();
    }
  }

  /** The length of the binary operator at `pos` (ExpressionParser.peekBinaryOperator), or 0. */
  private binaryOperatorLength(): number {
    if (this.pos >= this.limit) return 0;
    const text = this.text;
    const code = text.charCodeAt(this.pos);
    const next = this.pos + 1 < this.limit ? text.charCodeAt(this.pos + 1) : NaN;
    switch (code) {
      case Char.Pipe:
        return next === Char.Pipe ? 2 : 0;
      case Char.Ampersand:
        return next === Char.Ampersand ? 2 : 0;
      case Char.Equals:
      case Char.Bang:
        return next === Char.Equals ? 2 : 0;
      case Char.Less:
        return next === Char.Equals ? 2 : next === Char.Less ? 0 : 1;
      case Char.Greater:
        return next === Char.Equals ? 2 : 1;
      case Char.Plus:
      case Char.Minus:
      case Char.Star:
      case Char.Percent:
        return 1;
      case Char.Slash:
        return next === Char.Slash || next === Char.Star ? 0 : 1;
      default:
        return 0;
    }
  }

  private unary(): number {
    if (!this.trivia(!this.newlineSensitive)) return FAIL;
    const code = this.peek();
    if (code === Char.Minus || (code === Char.Bang && this.text.charCodeAt(this.pos + 1) !== Char.Equals)) {
      if (!this.enter()) return FAIL;
      this.pos++;
      const end = this.unary();
      this.depth--;
      return end;
    }
    const end = this.primary();
    return end < 0 ? FAIL : this.postfix(end);
  }

  private postfix(expressionEnd: number): number {
    let result = expressionEnd;
    const text = this.text;
    for (;;) {
      const end = this.pos;
      if (!this.trivia(!this.newlineSensitive)) return FAIL;
      if (this.pos >= this.limit) return result;
      const code = text.charCodeAt(this.pos);
      if (code !== Char.Dot && code !== Char.OpenBracket) {
        this.pos = end;
        return result;
      }
      if (code === Char.Dot) {
        const next = text.charCodeAt(this.pos + 1);
        if (next === Char.Dot) {
          this.pos = end;
          return result;
        }
        if (next === Char.Star && this.pos + 1 < this.limit) {
          result = this.attributeSplat();
          if (result < 0) return FAIL;
          continue;
        }
        result = this.dotStep();
        if (result < 0) return FAIL;
      } else {
        const afterSplat = this.splatBracketEnd();
        if (afterSplat > 0) return this.fullSplat(afterSplat);
        result = this.bracketed(Char.CloseBracket);
        if (result < 0) return FAIL;
      }
    }
  }

  private dotStep(): number {
    const text = this.text;
    this.pos++;
    if (!this.trivia(!this.newlineSensitive)) return FAIL;
    if (this.pos < this.limit && identifierStartWidth(text, this.pos) > 0) {
      this.identifier();
      return this.pos;
    }
    if (this.pos < this.limit && isDigit(text.charCodeAt(this.pos))) {
      while (this.pos < this.limit && isDigit(text.charCodeAt(this.pos))) this.pos++;
      // `.0.1`: an error in the parser.
      if (text.charCodeAt(this.pos) === Char.Dot && isDigit(text.charCodeAt(this.pos + 1)) && this.pos + 1 < this.limit)
        return FAIL;
      return this.pos;
    }
    return FAIL;
  }

  private splatBracketEnd(): number {
    return splatBracketEnd(this.text, this.pos, this.limit);
  }

  /** One expression between brackets (an index or parentheses), `pos` at the opening one. */
  private bracketed(close: number): number {
    if (!this.enter()) return FAIL;
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    if (this.expression() < 0 || !this.trivia(true) || !this.expectChar(close)) return FAIL;
    this.newlineSensitive = saved;
    this.depth--;
    return this.pos;
  }

  private fullSplat(after: number): number {
    if (!this.enter()) return FAIL;
    this.pos = after;
    if (this.postfix(after) < 0) return FAIL;
    this.depth--;
    return this.pos;
  }

  private attributeSplat(): number {
    this.pos += 2;
    while (this.text.charCodeAt(this.pos) === Char.Dot && this.pos + 1 < this.limit) {
      const next = this.text.charCodeAt(this.pos + 1);
      if (next === Char.Dot || next === Char.Star) break;
      if (this.dotStep() < 0) return FAIL;
    }
    return this.pos;
  }

  private primary(): number {
    if (!this.trivia(!this.newlineSensitive)) return FAIL;
    const start = this.pos;
    if (start >= this.limit) return FAIL;
    const code = this.text.charCodeAt(start);
    if (isDigit(code)) return this.number();
    if (code === Char.Quote) return this.quotedString();
    if (code === Char.OpenBracket) return this.collection(false);
    if (code === Char.OpenBrace) return this.collection(true);
    if (code === Char.OpenParen) return this.bracketed(Char.CloseParen);
    if (code === Char.Less && this.text.charCodeAt(start + 1) === Char.Less) return this.heredoc();
    if (identifierStartWidth(this.text, start) > 0) return this.identifierExpression();
    return FAIL;
  }

  private number(): number {
    const text = this.text;
    const limit = this.limit;
    let pos = this.pos;
    while (pos < limit && isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === Char.Dot && pos + 1 < limit && isDigit(text.charCodeAt(pos + 1))) {
      pos++;
      while (pos < limit && isDigit(text.charCodeAt(pos))) pos++;
      // `1.5.2`: an error in the parser.
      if (text.charCodeAt(pos) === Char.Dot && pos + 1 < limit && isDigit(text.charCodeAt(pos + 1))) return FAIL;
    }
    const e = text.charCodeAt(pos);
    if (e === Char.LowerE || e === Char.UpperE) {
      let offset = pos + 1;
      const sign = text.charCodeAt(offset);
      if (sign === Char.Plus || sign === Char.Minus) offset++;
      if (offset < limit && isDigit(text.charCodeAt(offset))) {
        pos = offset;
        while (pos < limit && isDigit(text.charCodeAt(pos))) pos++;
      }
    }
    this.pos = pos;
    return pos;
  }

  private identifierExpression(): number {
    const text = this.text;
    this.identifier();
    let namespaced = false;
    while (
      text.charCodeAt(this.pos) === Char.Colon &&
      text.charCodeAt(this.pos + 1) === Char.Colon &&
      this.pos + 2 < this.limit &&
      identifierStartWidth(text, this.pos + 2) > 0
    ) {
      this.pos += 2;
      this.identifier();
      namespaced = true;
    }
    const nameEnd = this.pos;
    if (!this.trivia(!this.newlineSensitive)) return FAIL;
    if (this.peek() === Char.OpenParen) return this.functionCall();
    this.pos = nameEnd;
    // A namespaced name without arguments is an error in the parser.
    return namespaced ? FAIL : nameEnd;
  }

  private functionCall(): number {
    if (!this.enter()) return FAIL;
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    for (;;) {
      if (!this.trivia(true)) return FAIL;
      if (this.pos >= this.limit || this.text.charCodeAt(this.pos) === Char.CloseParen) break;
      if (this.expression() < 0 || !this.trivia(true)) return FAIL;
      if (this.peekEllipsis()) {
        this.pos += 3;
        if (!this.trivia(true) || this.peek() !== Char.CloseParen) return FAIL;
      }
      const code = this.peek();
      if (code === Char.Comma) this.pos++;
      else if (code !== Char.CloseParen) return FAIL;
    }
    if (!this.expectChar(Char.CloseParen)) return FAIL;
    this.newlineSensitive = saved;
    this.depth--;
    return this.pos;
  }

  /** A tuple (`[`) or an object (`{`), or a for expression in either. */
  private collection(isObject: boolean): number {
    if (!this.enter()) return FAIL;
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    if (!this.trivia(true)) return FAIL;
    let end: number;
    if (this.peekKeyword("for")) end = this.forExpression(isObject);
    else if (isObject) {
      this.newlineSensitive = true;
      end = this.objectItems();
    } else end = this.tupleItems();
    this.newlineSensitive = saved;
    this.depth--;
    return end;
  }

  private tupleItems(): number {
    for (;;) {
      if (!this.trivia(true)) return FAIL;
      if (this.pos >= this.limit || this.text.charCodeAt(this.pos) === Char.CloseBracket) break;
      if (this.expression() < 0 || !this.trivia(true)) return FAIL;
      const after = this.peek();
      if (after === Char.Comma) this.pos++;
      else if (after !== Char.CloseBracket) return FAIL;
    }
    return this.expectChar(Char.CloseBracket) ? this.pos : FAIL;
  }

  private objectItems(): number {
    const text = this.text;
    for (;;) {
      if (!this.trivia(false)) return FAIL;
      if (this.pos >= this.limit) break;
      const code = text.charCodeAt(this.pos);
      if (isNewline(code)) {
        this.pos++;
        continue;
      }
      if (code === Char.CloseBrace) break;
      // The item: a key expression, "=" (not "==") or ":", a value expression.
      if (this.expression() < 0 || !this.trivia(false)) return FAIL;
      const separator = this.peek();
      if (!(separator === Char.Equals && text.charCodeAt(this.pos + 1) !== Char.Equals) && separator !== Char.Colon)
        return FAIL;
      this.pos++;
      if (this.expression() < 0 || !this.trivia(false)) return FAIL;
      const after = this.peek();
      if (after === Char.Comma) this.pos++;
      else if (!isNewline(after) && after !== Char.CloseBrace) return FAIL;
    }
    return this.expectChar(Char.CloseBrace) ? this.pos : FAIL;
  }

  private forExpression(isObject: boolean): number {
    const close = isObject ? Char.CloseBrace : Char.CloseBracket;
    this.pos += 3;
    if (!this.forHeader() || this.expression() < 0 || !this.trivia(true) || !this.expectChar(Char.Colon)) return FAIL;
    if (this.expression() < 0 || !this.trivia(true)) return FAIL;
    if (isObject) {
      if (!(this.peek() === Char.Equals && this.text.charCodeAt(this.pos + 1) === Char.Greater)) return FAIL;
      this.pos += 2;
      if (this.expression() < 0 || !this.trivia(true)) return FAIL;
      if (this.peekEllipsis()) {
        this.pos += 3;
        if (!this.trivia(true)) return FAIL;
      }
    } else if (this.peekEllipsis()) return FAIL;
    if (this.peekKeyword("if")) {
      this.pos += 2;
      if (this.expression() < 0 || !this.trivia(true)) return FAIL;
    }
    return this.expectChar(close) ? this.pos : FAIL;
  }

  /** `k, v in` or `v in` after `for` (ExpressionParser.parseForHeader). */
  private forHeader(): boolean {
    if (!this.trivia(true) || !this.requiredIdentifier() || !this.trivia(true)) return false;
    if (this.peek() === Char.Comma) {
      this.pos++;
      if (!this.trivia(true) || !this.requiredIdentifier() || !this.trivia(true)) return false;
    }
    if (!this.peekKeyword("in")) return false;
    this.pos += 2;
    return true;
  }

  private requiredIdentifier(): boolean {
    if (this.pos >= this.limit || identifierStartWidth(this.text, this.pos) === 0) return false;
    this.identifier();
    return true;
  }

  // ---- templates (template-parser.ts) ---------------------------------------------------------

  private quotedString(): number {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    // Most strings have no escapes, interpolations or directives.
    for (let pos = start + 1; pos < limit; pos++) {
      const code = text.charCodeAt(pos);
      if (code === Char.Quote) {
        this.pos = pos + 1;
        return this.pos;
      }
      if (code === Char.Backslash || code === Char.LineFeed || code === Char.CarriageReturn) break;
      if ((code === Char.Dollar || code === Char.Percent) && text.charCodeAt(pos + 1) === Char.OpenBrace) break;
    }
    this.pos++;
    if (!this.templateParts(true, false) || !this.expectChar(Char.Quote)) return FAIL;
    return this.pos;
  }

  private heredoc(): number {
    const text = this.text;
    this.pos += 2;
    if (text.charCodeAt(this.pos) === Char.Minus) this.pos++;
    if (this.pos >= this.limit || identifierStartWidth(text, this.pos) === 0) return FAIL;
    const markerStart = this.pos;
    this.identifier();
    const markerLength = this.pos - markerStart;
    // Scanner.consumeNewline
    const code = text.charCodeAt(this.pos);
    if (code === Char.CarriageReturn && text.charCodeAt(this.pos + 1) === Char.LineFeed) this.pos += 2;
    else if (isNewline(code) && this.pos < this.limit) this.pos++;
    else return FAIL;
    const marker = text.slice(markerStart, markerStart + markerLength);
    const contentEnd = heredocClosingLine(text, this.pos, this.limit, marker);
    if (contentEnd < 0) return FAIL;
    const savedLimit = this.limit;
    this.limit = contentEnd;
    const valid = this.templateParts(false, false);
    this.limit = savedLimit;
    if (!valid) return FAIL;
    this.pos = heredocMarkerEnd(text, contentEnd, marker);
    return this.pos;
  }

  /**
   * TemplateParser.parseTemplateParts, `quoted` or not; false where the parser would report an
   * error. Inside a directive (`inDirective`) it stops at its `%{ else }`, `%{ endif }` or
   * `%{ endfor }`, left for the caller.
   */
  private templateParts(quoted: boolean, inDirective: boolean): boolean {
    const text = this.text;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code > 127) {
        this.pos++;
        continue;
      }
      if (quoted) {
        if (code === Char.Quote || code === Char.LineFeed || code === Char.CarriageReturn) break;
        if (code === Char.Backslash) {
          if (!this.escape()) return false;
          continue;
        }
      }
      if ((code === Char.Dollar || code === Char.Percent) && this.pos + 1 < this.limit) {
        const next = text.charCodeAt(this.pos + 1);
        if (next === code && text.charCodeAt(this.pos + 2) === Char.OpenBrace && this.pos + 2 < this.limit) {
          this.pos += 2;
          continue;
        }
        if (next === Char.OpenBrace) {
          if (code === Char.Percent && inDirective && this.directiveWord() !== DirectiveWord.Other) return true;
          this.pos += text.charCodeAt(this.pos + 2) === Char.Tilde ? 3 : 2;
          if (!(code === Char.Dollar ? this.interpolation() : this.directive(quoted))) return false;
          continue;
        }
      }
      this.pos++;
    }
    return true;
  }

  /** At `%{`: which word follows, without consuming it. */
  private directiveWord(): DirectiveWord {
    switch (directiveWordAt(this.text, this.pos, this.limit)) {
      case "else":
        return DirectiveWord.Else;
      case "endif":
        return DirectiveWord.EndIf;
      case "endfor":
        return DirectiveWord.EndFor;
      default:
        return DirectiveWord.Other;
    }
  }

  /** The word of the `%{` at `pos`, or Other where there is none. */
  private closingWord(): DirectiveWord {
    return this.peek() === Char.Percent && this.text.charCodeAt(this.pos + 1) === Char.OpenBrace
      ? this.directiveWord()
      : DirectiveWord.Other;
  }

  /** `%{ if … }` or `%{ for … }` through its end (TemplateParser.parseDirective); `pos` past `%{` (and `~`). */
  private directive(quoted: boolean): boolean {
    if (!this.enter()) return false;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    if (!this.trivia(true)) return false;
    if (this.peekKeyword("if")) {
      this.pos += 2;
      if (this.expression() < 0 || !this.closeTemplateItem() || !this.templateParts(quoted, true)) return false;
      let word = this.closingWord();
      if (word === DirectiveWord.Else) {
        if (!this.endDirective() || !this.templateParts(quoted, true)) return false;
        word = this.closingWord();
      }
      if (word !== DirectiveWord.EndIf) return false;
    } else if (this.peekKeyword("for")) {
      this.pos += 3;
      if (!this.forHeader() || this.expression() < 0 || !this.closeTemplateItem()) return false;
      if (!this.templateParts(quoted, true) || this.closingWord() !== DirectiveWord.EndFor) return false;
    } else return false;
    if (!this.endDirective()) return false;
    this.newlineSensitive = saved;
    this.depth--;
    return true;
  }

  /** Consumes `%{~ word ~}` (TemplateParser.consumeEndDirective). */
  private endDirective(): boolean {
    this.pos += 2;
    if (this.peek() === Char.Tilde) this.pos++;
    if (!this.trivia(true)) return false;
    while (this.pos < this.limit && identifierPartWidth(this.text, this.pos) > 0) this.pos++;
    return this.closeTemplateItem();
  }

  /** `~}` or `}` closing an interpolation or directive (TemplateParser.closeTemplateItem). */
  private closeTemplateItem(): boolean {
    if (!this.trivia(true)) return false;
    if (this.peek() === Char.Tilde) this.pos++;
    return this.expectChar(Char.CloseBrace);
  }

  /** TemplateParser.readEscape; false where it would report. */
  private escape(): boolean {
    const text = this.text;
    const code = this.pos + 1 < this.limit ? text.charCodeAt(this.pos + 1) : NaN;
    this.pos = Math.min(this.pos + 2, this.limit);
    switch (code) {
      case Char.LowerN:
      case Char.LowerR:
      case Char.LowerT:
      case Char.Quote:
      case Char.Backslash:
        return true;
      case Char.LowerU:
      case Char.UpperU: {
        const length = code === Char.LowerU ? 4 : 8;
        if (unicodeEscapeAt(text, this.pos, this.limit, length) < 0) return false;
        this.pos += length;
        return true;
      }
      default:
        return false;
    }
  }

  /** `${ expr }`, `pos` past `${` (and any `~`). */
  private interpolation(): boolean {
    if (!this.enter()) return false;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    if (this.expression() < 0 || !this.closeTemplateItem()) return false;
    this.newlineSensitive = saved;
    this.depth--;
    return true;
  }
}
