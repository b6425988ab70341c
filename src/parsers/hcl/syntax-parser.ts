/**
 * A hand-written HCL native-syntax parser (hclsyntax): recursive descent straight over char codes,
 * no token objects, offsets only. Newlines are significant in bodies and object constructors and
 * ignored inside brackets, as the spec says. Nesting is bounded, so deep input gives a diagnostic
 * instead of a stack overflow; errors recover at the next line of the enclosing body.
 */
import type {
  Attribute, BinaryOperator, Block, BlockLabel, Body, Comment, Diagnostic, Expression, ObjectItem,
  TemplateExpression, TemplatePart,
} from "./ast.js";
import type { SourceFile } from "../source-file.js";
import { Char, describeAt, isDigit, isIdentifierPart, isIdentifierStart, isNewline } from "./char-codes.js";

/** Deeper nesting than this (blocks, brackets, operators) is refused with a diagnostic. */
const MAX_DEPTH = 400;

const BINARY_PRECEDENCE: Record<BinaryOperator, number> = {
  "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
};

class TooDeep extends Error {}

const NON_ASCII = /[\u0080-\uffff]/;

/** Where a template ends and whether backslash escapes apply. */
interface TemplateMode {
  kind: "quoted" | "heredoc" | "raw";
  end: number;
}

export class HclSyntaxParser {
  private pos: number;
  private depth = 0;
  /** Newline handling stack: true where newlines are tokens (bodies, object constructors). */
  private newlines: boolean[] = [true];
  readonly diagnostics: Diagnostic[] = [];
  readonly comments: Comment[] = [];
  private lastCommentEnd = -1;
  /** Errors inside one attribute after the first are usually cascades; report one per item. */
  private itemHasError = false;

  constructor(
    private readonly file: SourceFile,
    private readonly text: string,
    start: number,
    private limit: number,
  ) {
    this.pos = start;
  }

  // ---- bodies -------------------------------------------------------------------------------

  parseConfigFile(): Body {
    try {
      const body = this.parseBody(false);
      if (this.pos < this.limit) this.error(this.pos, this.pos + 1, "Argument or block definition required", `Expected an attribute or a block, but found ${describeAt(this.text, this.pos)}.`);
      return body;
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      return { kind: "Body", attributes: [], blocks: [], items: [], start: 0, end: this.limit };
    }
  }

  private parseBody(inBlock: boolean): Body {
    const start = this.pos;
    const body: Body = { kind: "Body", attributes: [], blocks: [], items: [], start, end: start };
    const seen = new Map<string, Attribute>();
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.limit) break;
      const code = this.text.charCodeAt(this.pos);
      if (code === Char.LineFeed || code === Char.CarriageReturn) {
        this.pos++;
        continue;
      }
      if (code === Char.CloseBrace) {
        if (inBlock) break;
        this.error(this.pos, this.pos + 1, "Argument or block definition required", `Expected an attribute or a block, but found "}" with no block to close.`);
        this.pos++;
        continue;
      }
      this.itemHasError = false;
      const itemStart = this.pos;
      let item: Attribute | Block | undefined;
      try {
        item = this.parseBodyItem();
      } catch (error) {
        // Only the outermost body recovers, once the whole too-deep item has unwound.
        if (!(error instanceof TooDeep) || inBlock) throw error;
        this.error(itemStart, itemStart + 1, "Nesting too deep", `Blocks and expressions nested more than ${MAX_DEPTH} levels deep are not supported.`);
        this.skipBalanced(itemStart);
        continue;
      }
      if (!item) {
        this.recoverToLineEnd();
        continue;
      }
      if (item.kind === "Attribute") {
        const previous = seen.get(item.name);
        if (previous) {
          const at = this.file.position(previous.nameSpan.start);
          this.error(item.nameSpan.start, item.nameSpan.end, "Attribute redefined", `The argument "${item.name}" was already set at line ${at.line}, column ${at.column}. Each argument may be set only once.`);
        } else seen.set(item.name, item);
        body.attributes.push(item);
      } else body.blocks.push(item);
      body.items.push(item);
    }
    body.end = this.pos;
    return body;
  }

  private parseBodyItem(): Attribute | Block | undefined {
    const start = this.pos;
    const code = this.text.charCodeAt(start);
    if (!isIdentifierStart(code)) {
      this.error(start, start + 1, "Argument or block definition required", `Expected an attribute or a block, but found ${describeAt(this.text, start)}.`);
      return undefined;
    }
    const name = this.readIdentifier();
    const nameSpan = { start, end: this.pos };
    this.skipTrivia(false);
    const next = this.text.charCodeAt(this.pos);
    if (next === Char.Equals && this.text.charCodeAt(this.pos + 1) !== Char.Equals) {
      this.pos++;
      const expression = this.parseExpressionGuarded();
      const attribute: Attribute = { kind: "Attribute", name, nameSpan, expression, start, end: expression.end };
      this.expectItemEnd("attribute definition");
      return attribute;
    }
    if (next === Char.Quote || next === Char.OpenBrace || isIdentifierStart(next)) return this.parseBlock(name, nameSpan, start);
    this.error(this.pos, this.pos + 1, "Argument or block definition required", `Expected "=" to set argument "${name}", or a block's labels and "{", but found ${describeAt(this.text, this.pos)}.`);
    return undefined;
  }

  private parseBlock(type: string, typeSpan: { start: number; end: number }, start: number): Block | undefined {
    const labels: BlockLabel[] = [];
    for (;;) {
      this.skipTrivia(false);
      const code = this.text.charCodeAt(this.pos);
      if (code === Char.OpenBrace) break;
      if (code === Char.Quote) {
        const label = this.parseQuotedLabel();
        if (!label) return undefined;
        labels.push(label);
      } else if (isIdentifierStart(code)) {
        const labelStart = this.pos;
        const value = this.readIdentifier();
        labels.push({ value, quoted: false, start: labelStart, end: this.pos });
      } else {
        this.error(this.pos, this.pos + 1, "Invalid block definition", `Expected a quoted label or "{" to open the "${type}" block, but found ${describeAt(this.text, this.pos)}.`);
        return undefined;
      }
    }
    const openBrace = { start: this.pos, end: this.pos + 1 };
    this.pos++;
    this.enter();
    this.newlines.push(true);
    let body: Body;
    try {
      this.skipTrivia(false);
      const afterBrace = this.text.charCodeAt(this.pos);
      if (this.pos < this.limit && afterBrace !== Char.LineFeed && afterBrace !== Char.CarriageReturn && afterBrace !== Char.CloseBrace) {
        body = this.parseOneLineBody(type);
      } else {
        body = this.parseBody(true);
      }
    } finally {
      this.newlines.pop();
      this.leave();
    }
    if (this.text.charCodeAt(this.pos) !== Char.CloseBrace) {
      this.error(openBrace.start, openBrace.end, "Unclosed configuration block", `There is no closing brace for the "${type}" block opened here; expected "}" before ${describeAt(this.text, this.pos)}.`);
      return { kind: "Block", type, typeSpan, labels, body, openBrace, closeBrace: { start: this.pos, end: this.pos }, start, end: this.pos };
    }
    const closeBrace = { start: this.pos, end: this.pos + 1 };
    this.pos++;
    this.expectItemEnd("block definition");
    return { kind: "Block", type, typeSpan, labels, body, openBrace, closeBrace, start, end: closeBrace.end };
  }

  /**
   * `name { attr = value }`: a single attribute (or nothing) on the same line as the braces. On an
   * error, HashiCorp's parser skips to the block's closing brace; so do we, for the same diagnostics.
   */
  private parseOneLineBody(type: string): Body {
    const start = this.pos;
    const body: Body = { kind: "Body", attributes: [], blocks: [], items: [], start, end: start };
    const nameStart = this.pos;
    if (!isIdentifierStart(this.text.charCodeAt(this.pos))) {
      this.error(this.pos, this.pos + 1, "Invalid single-argument block definition", `Expected an argument definition or "}" in the one-line "${type}" block, but found ${describeAt(this.text, this.pos)}.`);
      this.skipToBlockClose();
      return body;
    }
    const name = this.readIdentifier();
    this.skipTrivia(false);
    if (this.text.charCodeAt(this.pos) !== Char.Equals || this.text.charCodeAt(this.pos + 1) === Char.Equals) {
      this.skipToBlockClose();
      this.error(nameStart, Math.min(this.pos, nameStart + name.length + 2), "Invalid single-argument block definition", `A one-line block cannot contain another block ("${name}"); put nested blocks on their own lines.`);
      return body;
    }
    this.pos++;
    const expression = this.parseExpressionGuarded();
    const attribute: Attribute = { kind: "Attribute", name, nameSpan: { start: nameStart, end: nameStart + name.length }, expression, start: nameStart, end: expression.end };
    body.attributes.push(attribute);
    body.items.push(attribute);
    this.skipTrivia(false);
    const code = this.text.charCodeAt(this.pos);
    if (code !== Char.CloseBrace) {
      if (!this.itemHasError) {
        if (code === Char.Comma) this.error(this.pos, this.pos + 1, "Invalid single-argument block definition", "Only one argument is allowed in a one-line block; put each argument on its own line.");
        else if (isNewline(code)) this.error(this.pos, this.pos + 1, "Invalid single-argument block definition", `The closing brace of the one-line "${type}" block must be on the same line as its argument.`);
        else this.error(this.pos, this.pos + 1, "Invalid single-argument block definition", `Expected "}" to close the one-line "${type}" block, but found ${describeAt(this.text, this.pos)}.`);
      }
      this.skipToBlockClose();
    }
    body.end = this.pos;
    return body;
  }

  /** Skips to the `}` that closes the current block, over nested brackets and strings. */
  private skipToBlockClose(): void {
    const text = this.text;
    let depth = 0;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Quote) {
        this.pos++;
        while (this.pos < this.limit && text.charCodeAt(this.pos) !== Char.Quote && !isNewline(text.charCodeAt(this.pos))) this.pos += text.charCodeAt(this.pos) === Char.Backslash ? 2 : 1;
      } else if (code === Char.OpenBrace || code === Char.OpenBracket || code === Char.OpenParen) depth++;
      else if (code === Char.CloseBracket || code === Char.CloseParen) depth = Math.max(0, depth - 1);
      else if (code === Char.CloseBrace) {
        if (depth === 0) return;
        depth--;
      }
      this.pos++;
    }
  }

  private parseQuotedLabel(): BlockLabel | undefined {
    const start = this.pos;
    const template = this.parseQuotedTemplate();
    if (template.parts.some((part) => part.kind !== "TemplateLiteral")) {
      this.error(start, this.pos, "Invalid block label", "Expected a literal string label; template interpolations and directives are not allowed in block labels.");
      return undefined;
    }
    const value = template.parts.map((part) => (part.kind === "TemplateLiteral" ? part.value : "")).join("");
    return { value, quoted: true, start, end: this.pos };
  }

  /** After an attribute or block: a newline, a comment, the end of the file or the block. */
  private expectItemEnd(what: string): void {
    this.skipTrivia(false);
    if (this.pos >= this.limit) return;
    const code = this.text.charCodeAt(this.pos);
    if (isNewline(code)) return;
    if (code === Char.CloseBrace && this.newlines.length > 1) return;
    if (!this.itemHasError) {
      this.error(this.pos, this.pos + 1, `Missing newline after ${what}`, `Expected a newline after the ${what}, but found ${describeAt(this.text, this.pos)}.`);
    }
    this.recoverToLineEnd();
  }

  /** Skips to the end of the line, over brackets and strings, or to a `}` closing the enclosing block. */
  private recoverToLineEnd(): void {
    const text = this.text;
    let depth = 0;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Quote) {
        this.pos++;
        while (this.pos < this.limit) {
          const inner = text.charCodeAt(this.pos);
          if (inner === Char.Backslash) this.pos += 2;
          else if (inner === Char.Quote || isNewline(inner)) break;
          else this.pos++;
        }
        if (text.charCodeAt(this.pos) === Char.Quote) this.pos++;
        continue;
      }
      if (code === Char.OpenBrace || code === Char.OpenBracket || code === Char.OpenParen) depth++;
      else if (code === Char.CloseBracket || code === Char.CloseParen) depth = Math.max(0, depth - 1);
      else if (code === Char.CloseBrace) {
        if (depth === 0) return;
        depth--;
      } else if (isNewline(code) && depth === 0) return;
      this.pos++;
    }
  }

  /** Skips from `start` past the end of the bracketed construct there (for too-deep input). */
  private skipBalanced(start: number): void {
    const text = this.text;
    let depth = 0;
    let opened = false;
    this.pos = start;
    while (this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.OpenBrace || code === Char.OpenBracket || code === Char.OpenParen) {
        depth++;
        opened = true;
      } else if (code === Char.CloseBrace || code === Char.CloseBracket || code === Char.CloseParen) {
        depth--;
        if (depth <= 0 && opened) {
          this.pos++;
          return;
        }
      } else if (isNewline(code) && depth <= 0) return;
      this.pos++;
    }
  }

  // ---- expressions --------------------------------------------------------------------------

  /** Parses an attribute's expression, turning pathological nesting into one diagnostic. */
  private parseExpressionGuarded(): Expression {
    const start = this.pos;
    try {
      return this.parseExpression();
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      this.error(start, start + 1, "Nesting too deep", `Expressions nested more than ${MAX_DEPTH} levels deep are not supported.`);
      this.itemHasError = true;
      this.skipBalanced(start);
      return { kind: "Invalid", start, end: this.pos };
    }
  }

  parseExpression(): Expression {
    this.enter();
    try {
      const condition = this.parseBinary(1);
      this.skipTrivia(this.includeNewlines() === false);
      if (this.text.charCodeAt(this.pos) !== Char.Question) return condition;
      this.pos++;
      const trueResult = this.parseExpression();
      this.skipTrivia(!this.includeNewlines());
      if (!this.expectChar(Char.Colon, `":" in the conditional expression`)) return { kind: "Conditional", condition, trueResult, falseResult: this.invalidHere(), start: condition.start, end: this.pos };
      const falseResult = this.parseExpression();
      return { kind: "Conditional", condition, trueResult, falseResult, start: condition.start, end: falseResult.end };
    } finally {
      this.leave();
    }
  }

  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      this.skipTrivia(!this.includeNewlines());
      const operator = this.peekBinaryOperator();
      if (!operator) return left;
      const precedence = BINARY_PRECEDENCE[operator];
      if (precedence < minPrecedence) return left;
      this.pos += operator.length;
      this.enter();
      let right: Expression;
      try {
        right = this.parseBinary(precedence + 1);
      } finally {
        this.leave();
      }
      left = { kind: "Binary", operator, left, right, start: left.start, end: right.end };
    }
  }

  private peekBinaryOperator(): BinaryOperator | undefined {
    const text = this.text;
    const code = text.charCodeAt(this.pos);
    const next = text.charCodeAt(this.pos + 1);
    switch (code) {
      case Char.Pipe: return next === Char.Pipe ? "||" : undefined;
      case Char.Ampersand: return next === Char.Ampersand ? "&&" : undefined;
      case Char.Equals: return next === Char.Equals ? "==" : undefined;
      case Char.Bang: return next === Char.Equals ? "!=" : undefined;
      case Char.Less: return next === Char.Equals ? "<=" : next === Char.Less ? undefined : "<";
      case Char.Greater: return next === Char.Equals ? ">=" : ">";
      case Char.Plus: return "+";
      case Char.Minus: return "-";
      case Char.Star: return "*";
      case Char.Slash: return next === Char.Slash || next === Char.Star ? undefined : "/";
      case Char.Percent: return "%";
      default: return undefined;
    }
  }

  private parseUnary(): Expression {
    this.skipTrivia(!this.includeNewlines());
    const code = this.text.charCodeAt(this.pos);
    if ((code === Char.Bang && this.text.charCodeAt(this.pos + 1) !== Char.Equals) || code === Char.Minus) {
      const start = this.pos;
      this.pos++;
      this.enter();
      try {
        const operand = this.parseUnary();
        return { kind: "Unary", operator: code === Char.Bang ? "!" : "-", operand, start, end: operand.end };
      } finally {
        this.leave();
      }
    }
    return this.parsePostfix(this.parsePrimary());
  }

  /** Attribute access, indexes, legacy `.0` indexes and splats after a primary expression. */
  private parsePostfix(expression: Expression): Expression {
    let result = expression;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code === Char.Dot) {
        const next = this.text.charCodeAt(this.pos + 1);
        // `...` expands a final argument or groups for-expression values: not a traversal.
        if (next === Char.Dot) return result;
        if (next === Char.Star) {
          this.pos += 2;
          return this.parseSplat(result, false);
        }
        const step = this.parseDotStep(result);
        if (!step) return result;
        result = step;
      } else if (code === Char.OpenBracket) {
        if (this.peekSplatBracket()) {
          return this.parseSplat(result, true);
        }
        result = this.parseIndex(result);
      } else {
        return result;
      }
    }
  }

  private parseDotStep(object: Expression): Expression | undefined {
    const dot = this.pos;
    this.pos++;
    const code = this.text.charCodeAt(this.pos);
    if (isIdentifierStart(code)) {
      const nameStart = this.pos;
      const name = this.readIdentifier();
      return { kind: "GetAttr", object, name, nameSpan: { start: nameStart, end: this.pos }, start: object.start, end: this.pos };
    }
    if (isDigit(code)) {
      const keyStart = this.pos;
      while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
      const raw = this.text.slice(keyStart, this.pos);
      return { kind: "Index", object, key: { kind: "Literal", value: Number(raw), raw, start: keyStart, end: this.pos }, legacy: true, start: object.start, end: this.pos };
    }
    this.error(dot, dot + 1, "Invalid attribute name", `Expected an attribute name after ".", but found ${describeAt(this.text, this.pos)}.`);
    this.itemHasError = true;
    return undefined;
  }

  private peekSplatBracket(): boolean {
    let offset = this.pos + 1;
    while (this.text.charCodeAt(offset) === Char.Space || this.text.charCodeAt(offset) === Char.Tab) offset++;
    if (this.text.charCodeAt(offset) !== Char.Star) return false;
    offset++;
    while (this.text.charCodeAt(offset) === Char.Space || this.text.charCodeAt(offset) === Char.Tab) offset++;
    if (this.text.charCodeAt(offset) !== Char.CloseBracket) return false;
    this.pos = offset + 1;
    return true;
  }

  private parseIndex(object: Expression): Expression {
    this.pos++;
    return this.bracketed(() => {
      const key = this.parseExpression();
      this.skipTrivia(true);
      this.expectChar(Char.CloseBracket, `"]" to close the index`);
      return { kind: "Index", object, key, start: object.start, end: this.pos };
    });
  }

  /** After `[*]` (full: attributes and indexes follow) or `.*` (attributes only). */
  private parseSplat(source: Expression, full: boolean): Expression {
    let each: Expression = { kind: "SplatItem", start: this.pos, end: this.pos };
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code === Char.Dot && isIdentifierStart(this.text.charCodeAt(this.pos + 1))) {
        const step = this.parseDotStep(each);
        if (!step) break;
        each = step;
      } else if (code === Char.Dot && isDigit(this.text.charCodeAt(this.pos + 1)) && full) {
        const step = this.parseDotStep(each);
        if (!step) break;
        each = step;
      } else if (code === Char.OpenBracket && full && !this.peekSplatBracketNoConsume()) {
        each = this.parseIndex(each);
      } else break;
    }
    const splat: Expression = { kind: "Splat", source, each, full, start: source.start, end: this.pos };
    // A further splat applies to the result of this one.
    if (this.text.charCodeAt(this.pos) === Char.OpenBracket || (this.text.charCodeAt(this.pos) === Char.Dot && this.text.charCodeAt(this.pos + 1) === Char.Star)) return this.parsePostfix(splat);
    return splat;
  }

  private peekSplatBracketNoConsume(): boolean {
    const saved = this.pos;
    const isSplat = this.peekSplatBracket();
    this.pos = saved;
    return isSplat;
  }

  private parsePrimary(): Expression {
    this.skipTrivia(!this.includeNewlines());
    const start = this.pos;
    if (start >= this.limit) return this.missingExpression();
    const code = this.text.charCodeAt(start);
    if (isDigit(code)) return this.parseNumber();
    if (isIdentifierStart(code)) return this.parseIdentifierExpression();
    switch (code) {
      case Char.Quote: {
        // A string without interpolation is a literal: one node instead of three.
        const template = this.parseQuotedTemplate();
        const parts = template.parts;
        if (parts.length === 0) return { kind: "Literal", value: "", start: template.start, end: template.end };
        if (parts.length === 1 && parts[0].kind === "TemplateLiteral") return { kind: "Literal", value: parts[0].value, start: template.start, end: template.end };
        return template;
      }
      case Char.Less:
        if (this.text.charCodeAt(start + 1) === Char.Less) return this.parseHeredoc();
        break;
      case Char.OpenParen:
        return this.parseParentheses();
      case Char.OpenBracket:
        return this.parseTuple();
      case Char.OpenBrace:
        return this.parseObject();
    }
    return this.missingExpression();
  }

  private missingExpression(): Expression {
    const start = this.pos;
    if (!this.itemHasError) this.error(start, start + 1, "Invalid expression", `Expected the start of an expression, but found ${describeAt(this.text, start)}.`);
    this.itemHasError = true;
    return { kind: "Invalid", start, end: start };
  }

  private invalidHere(): Expression {
    return { kind: "Invalid", start: this.pos, end: this.pos };
  }

  private parseNumber(): Expression {
    const text = this.text;
    const start = this.pos;
    while (isDigit(text.charCodeAt(this.pos))) this.pos++;
    if (text.charCodeAt(this.pos) === Char.Dot && isDigit(text.charCodeAt(this.pos + 1))) {
      this.pos++;
      while (isDigit(text.charCodeAt(this.pos))) this.pos++;
    }
    const e = text.charCodeAt(this.pos);
    if (e === Char.LowerE || e === Char.UpperE) {
      let offset = this.pos + 1;
      const sign = text.charCodeAt(offset);
      if (sign === Char.Plus || sign === Char.Minus) offset++;
      if (isDigit(text.charCodeAt(offset))) {
        this.pos = offset;
        while (isDigit(text.charCodeAt(this.pos))) this.pos++;
      }
    }
    const raw = text.slice(start, this.pos);
    return { kind: "Literal", value: Number(raw), raw, start, end: this.pos };
  }

  private parseIdentifierExpression(): Expression {
    const start = this.pos;
    let name = this.readIdentifier();
    // Namespaced functions: provider::aws::arn_parse(...)
    while (this.text.charCodeAt(this.pos) === Char.Colon && this.text.charCodeAt(this.pos + 1) === Char.Colon && isIdentifierStart(this.text.charCodeAt(this.pos + 2))) {
      this.pos += 2;
      name += `::${this.readIdentifier()}`;
    }
    const nameEnd = this.pos;
    const saved = this.pos;
    this.skipTrivia(!this.includeNewlines());
    if (this.text.charCodeAt(this.pos) === Char.OpenParen) return this.parseFunctionCall(name, { start, end: nameEnd });
    this.pos = saved;
    if (name.includes("::")) {
      this.error(start, nameEnd, "Missing function arguments", `Expected "(" after the function name "${name}".`);
      this.itemHasError = true;
    }
    if (name === "true" || name === "false") return { kind: "Literal", value: name === "true", start, end: nameEnd };
    if (name === "null") return { kind: "Literal", value: null, start, end: nameEnd };
    return { kind: "Variable", name, start, end: nameEnd };
  }

  private parseFunctionCall(name: string, nameSpan: { start: number; end: number }): Expression {
    this.pos++;
    this.newlines.push(false);
    this.enter();
    const args: Expression[] = [];
    let expandFinal = false;
    try {
      for (;;) {
        this.skipTrivia(true);
        if (this.text.charCodeAt(this.pos) === Char.CloseParen) break;
        if (this.pos >= this.limit) break;
        if (expandFinal) {
          this.error(this.pos, this.pos + 1, "Missing closing parenthesis", `Expected ")" after the expanded final argument, but found ${describeAt(this.text, this.pos)}.`);
          this.itemHasError = true;
          break;
        }
        args.push(this.parseExpression());
        this.skipTrivia(true);
        if (this.text.charCodeAt(this.pos) === Char.Dot && this.text.charCodeAt(this.pos + 1) === Char.Dot && this.text.charCodeAt(this.pos + 2) === Char.Dot) {
          this.pos += 3;
          expandFinal = true;
          this.skipTrivia(true);
        }
        const code = this.text.charCodeAt(this.pos);
        if (code === Char.Comma) this.pos++;
        else if (code !== Char.CloseParen) {
          if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Missing argument separator", `Expected "," or ")" in the arguments of ${name}(), but found ${describeAt(this.text, this.pos)}.`);
          this.itemHasError = true;
          break;
        }
      }
      this.expectChar(Char.CloseParen, `")" to close the call to ${name}()`);
    } finally {
      this.leave();
      this.newlines.pop();
    }
    return { kind: "FunctionCall", name, nameSpan, args, expandFinal, start: nameSpan.start, end: this.pos };
  }

  private parseParentheses(): Expression {
    const start = this.pos;
    this.pos++;
    return this.bracketed(() => {
      const expression = this.parseExpression();
      this.skipTrivia(true);
      this.expectChar(Char.CloseParen, `")" to close the parentheses`);
      return { kind: "Parentheses", expression, start, end: this.pos };
    });
  }

  /** Inside (), [] and ${}: newlines are not separators, and nesting counts towards the limit. */
  private bracketed<T>(parse: () => T): T {
    this.newlines.push(false);
    this.enter();
    try {
      return parse();
    } finally {
      this.leave();
      this.newlines.pop();
    }
  }

  private parseTuple(): Expression {
    const start = this.pos;
    this.pos++;
    return this.bracketed(() => {
      this.skipTrivia(true);
      if (this.peekKeyword("for")) return this.parseFor(start, false);
      const items: Expression[] = [];
      for (;;) {
        this.skipTrivia(true);
        const code = this.text.charCodeAt(this.pos);
        if (code === Char.CloseBracket || this.pos >= this.limit) break;
        items.push(this.parseExpression());
        this.skipTrivia(true);
        const after = this.text.charCodeAt(this.pos);
        if (after === Char.Comma) this.pos++;
        else if (after !== Char.CloseBracket) {
          if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Missing item separator", `Expected "," or "]" in the tuple, but found ${describeAt(this.text, this.pos)}.`);
          this.itemHasError = true;
          break;
        }
      }
      this.expectChar(Char.CloseBracket, `"]" to close the tuple`);
      return { kind: "Tuple", items, start, end: this.pos };
    });
  }

  private parseObject(): Expression {
    const start = this.pos;
    this.pos++;
    this.enter();
    this.newlines.push(false);
    this.skipTrivia(true);
    if (this.peekKeyword("for")) {
      try {
        return this.parseFor(start, true);
      } finally {
        this.newlines.pop();
        this.leave();
      }
    }
    this.newlines[this.newlines.length - 1] = true;
    const items: ObjectItem[] = [];
    try {
      for (;;) {
        this.skipTrivia(false);
        const code = this.text.charCodeAt(this.pos);
        if (isNewline(code)) {
          this.pos++;
          continue;
        }
        if (code === Char.CloseBrace || this.pos >= this.limit) break;
        const item = this.parseObjectItem();
        if (!item) {
          this.recoverInObject();
          continue;
        }
        items.push(item);
        this.skipTrivia(false);
        const after = this.text.charCodeAt(this.pos);
        if (after === Char.Comma) this.pos++;
        else if (!isNewline(after) && after !== Char.CloseBrace) {
          if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Missing attribute separator", `Expected a newline or comma after the object attribute, but found ${describeAt(this.text, this.pos)}.`);
          this.itemHasError = true;
          this.recoverInObject();
        }
      }
      if (this.text.charCodeAt(this.pos) !== Char.CloseBrace) {
        if (!this.itemHasError) this.error(start, start + 1, "Unclosed object", `There is no closing brace for the object opened here; expected "}" before ${describeAt(this.text, this.pos)}.`);
        this.itemHasError = true;
        return { kind: "Object", items, start, end: this.pos };
      }
      this.pos++;
      return { kind: "Object", items, start, end: this.pos };
    } finally {
      this.newlines.pop();
      this.leave();
    }
  }

  private recoverInObject(): void {
    while (this.pos < this.limit) {
      const code = this.text.charCodeAt(this.pos);
      if (isNewline(code) || code === Char.CloseBrace) return;
      this.pos++;
    }
  }

  private parseObjectItem(): ObjectItem | undefined {
    const start = this.pos;
    // A key is an expression, but newlines inside it are not separators.
    this.newlines.push(false);
    let key: Expression;
    try {
      key = this.parseBinaryKey();
    } finally {
      this.newlines.pop();
    }
    if (key.kind === "Variable") key = { kind: "Literal", value: key.name, start: key.start, end: key.end };
    this.skipTrivia(false);
    const code = this.text.charCodeAt(this.pos);
    if (!(code === Char.Equals && this.text.charCodeAt(this.pos + 1) !== Char.Equals) && code !== Char.Colon) {
      if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Missing key/value separator", `Expected "=" or ":" after the object key, but found ${describeAt(this.text, this.pos)}.`);
      this.itemHasError = true;
      return undefined;
    }
    this.pos++;
    const value = this.parseExpression();
    return { key, value, start, end: value.end };
  }

  /** Object keys stop before `=`/`:`; a bare key must not be read as a comparison or conditional. */
  private parseBinaryKey(): Expression {
    this.enter();
    try {
      return this.parseBinary(1);
    } finally {
      this.leave();
    }
  }

  /** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
  private parseFor(start: number, isObject: boolean): Expression {
    const close = isObject ? Char.CloseBrace : Char.CloseBracket;
    this.pos += 3;
    const header = this.parseForHeader("for-expression", "Invalid 'for' expression");
    if (!header) return this.skipToClose(start, close);
    const { keyVariable, valueVariable } = header;
    const collection = this.parseExpression();
    this.skipTrivia(true);
    if (!this.expectChar(Char.Colon, `":" after the for-expression collection`)) return this.skipToClose(start, close);
    let keyExpression: Expression | undefined;
    let valueExpression = this.parseExpression();
    let grouping = false;
    this.skipTrivia(true);
    if (isObject) {
      if (!(this.text.charCodeAt(this.pos) === Char.Equals && this.text.charCodeAt(this.pos + 1) === Char.Greater)) {
        if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Invalid 'for' expression", `Expected "=>" between the key and value of an object for-expression, but found ${describeAt(this.text, this.pos)}.`);
        this.itemHasError = true;
        return this.skipToClose(start, close);
      }
      this.pos += 2;
      keyExpression = valueExpression;
      valueExpression = this.parseExpression();
      this.skipTrivia(true);
      if (this.text.charCodeAt(this.pos) === Char.Dot && this.text.charCodeAt(this.pos + 1) === Char.Dot && this.text.charCodeAt(this.pos + 2) === Char.Dot) {
        this.pos += 3;
        grouping = true;
        this.skipTrivia(true);
      }
    }
    let condition: Expression | undefined;
    if (this.peekKeyword("if")) {
      this.pos += 2;
      condition = this.parseExpression();
      this.skipTrivia(true);
    }
    this.expectChar(close, isObject ? `"}" to close the for-expression` : `"]" to close the for-expression`);
    return { kind: "For", keyVariable, valueVariable, collection, keyExpression, valueExpression, condition, grouping, start, end: this.pos };
  }

  /** `k, v in` or `v in` after `for`; undefined (with a diagnostic) when "in" is missing. */
  private parseForHeader(what: string, summary: string): { keyVariable?: string; valueVariable: string } | undefined {
    this.skipTrivia(true);
    const first = this.readRequiredIdentifier(`a ${what} variable name`);
    let keyVariable: string | undefined;
    let valueVariable = first;
    this.skipTrivia(true);
    if (this.text.charCodeAt(this.pos) === Char.Comma) {
      this.pos++;
      this.skipTrivia(true);
      keyVariable = first;
      valueVariable = this.readRequiredIdentifier(`the ${what} value variable name`);
      this.skipTrivia(true);
    }
    if (!this.peekKeyword("in")) {
      if (!this.itemHasError) this.error(this.pos, this.pos + 1, summary, `Expected "in" after the ${what} variables, but found ${describeAt(this.text, this.pos)}.`);
      this.itemHasError = true;
      return undefined;
    }
    this.pos += 2;
    return { keyVariable, valueVariable };
  }

  private skipToClose(start: number, close: number): Expression {
    let depth = 0;
    while (this.pos < this.limit) {
      const code = this.text.charCodeAt(this.pos);
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

  // ---- templates ----------------------------------------------------------------------------

  private parseQuotedTemplate(): TemplateExpression {
    const start = this.pos;
    this.pos++;
    const parts = this.parseTemplateParts({ kind: "quoted", end: this.limit }, false);
    if (this.text.charCodeAt(this.pos) === Char.Quote) this.pos++;
    else if (!this.itemHasError) {
      const found = this.pos >= this.limit ? "end of file" : "a newline";
      this.error(start, this.pos, "Unterminated template string", `Expected a closing quote for the string that starts here, but found ${found}.`);
      this.itemHasError = true;
    }
    return { kind: "Template", parts, start, end: this.pos };
  }

  /** An expression filling a region (a `--var` value, a JSON `type` string). */
  parseStandaloneExpression(): Expression {
    this.newlines = [false];
    const start = this.pos;
    const expression = this.parseExpressionGuarded();
    this.skipTrivia(true);
    if (this.pos < this.limit) {
      if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Extra characters after expression", `Expected the end of the expression, but found ${describeAt(this.text, this.pos)}.`);
      return { kind: "Invalid", start, end: this.limit };
    }
    return expression;
  }

  /** A template over a region of the file (Terraform JSON strings): no quotes, no escapes. */
  parseRawTemplate(): TemplateExpression {
    const start = this.pos;
    const parts = this.parseTemplateParts({ kind: "raw", end: this.limit }, false);
    return { kind: "Template", parts, start, end: this.pos };
  }

  private parseHeredoc(): Expression {
    const text = this.text;
    const start = this.pos;
    this.pos += 2;
    const indented = text.charCodeAt(this.pos) === Char.Minus;
    if (indented) this.pos++;
    const markerStart = this.pos;
    if (!isIdentifierStart(text.charCodeAt(this.pos))) {
      this.error(start, this.pos + 1, "Invalid heredoc", `Expected a delimiter word after "<<${indented ? "-" : ""}", but found ${describeAt(text, this.pos)}.`);
      this.itemHasError = true;
      return { kind: "Invalid", start, end: this.pos };
    }
    const marker = this.readIdentifier();
    if (!this.consumeNewline()) {
      this.error(markerStart, this.pos, "Invalid heredoc", `Expected a newline after the heredoc delimiter "${marker}", but found ${describeAt(text, this.pos)}.`);
      this.itemHasError = true;
      return { kind: "Invalid", start, end: this.pos };
    }
    // Find the closing line: the marker alone on a line, optionally indented.
    const contentStart = this.pos;
    let lineStart = contentStart;
    let contentEnd = -1;
    let closeEnd = -1;
    while (lineStart < this.limit) {
      let offset = lineStart;
      while (text.charCodeAt(offset) === Char.Space || text.charCodeAt(offset) === Char.Tab) offset++;
      if (text.startsWith(marker, offset)) {
        let after = offset + marker.length;
        while (text.charCodeAt(after) === Char.Space || text.charCodeAt(after) === Char.Tab) after++;
        if (after >= this.limit || isNewline(text.charCodeAt(after))) {
          contentEnd = lineStart;
          closeEnd = offset + marker.length;
          break;
        }
      }
      let next = text.indexOf("\n", lineStart);
      if (next < 0 || next >= this.limit) break;
      next++;
      lineStart = next;
    }
    if (contentEnd < 0) {
      this.error(start, this.pos, "Unterminated template string", `Expected a line with the heredoc delimiter "${marker}" to close the heredoc that starts here, but found end of file.`);
      this.itemHasError = true;
      this.pos = this.limit;
      return { kind: "Invalid", start, end: this.limit };
    }
    this.pos = contentStart;
    const savedLimit = this.limit;
    this.limit = contentEnd;
    let parts: TemplatePart[];
    try {
      parts = this.parseTemplateParts({ kind: "heredoc", end: contentEnd }, false);
    } finally {
      this.limit = savedLimit;
    }
    if (indented) stripIndentation(parts);
    this.pos = closeEnd;
    return { kind: "Template", parts, heredoc: { marker, indented }, start, end: closeEnd };
  }

  /**
   * Template parts up to the end of the mode (closing quote, heredoc end) or, inside a directive,
   * up to the next `%{else}`/`%{endif}`/`%{endfor}` (left unconsumed for the caller).
   */
  private parseTemplateParts(mode: TemplateMode, inDirective: boolean): TemplatePart[] {
    const text = this.text;
    const parts: TemplatePart[] = [];
    let literal = "";
    let literalStart = this.pos;
    let stripNext = false;
    const flush = (end: number) => {
      if (literal.length || end > literalStart) {
        // HCL normalizes string literals to Unicode NFC.
        const text = NON_ASCII.test(literal) ? literal.normalize("NFC") : literal;
        parts.push({ kind: "TemplateLiteral", value: stripNext ? text.replace(/^\s+/, "") : text, start: literalStart, end });
      }
      stripNext = false;
      literal = "";
    };
    const stripPrevious = () => {
      const previous = parts[parts.length - 1];
      if (previous?.kind === "TemplateLiteral") previous.value = previous.value.replace(/\s+$/, "");
    };
    let segmentStart = this.pos;
    while (this.pos < mode.end && this.pos < this.limit) {
      const code = text.charCodeAt(this.pos);
      if (mode.kind === "quoted") {
        if (code === Char.Quote) break;
        if (isNewline(code)) break;
        if (code === Char.Backslash) {
          literal += text.slice(segmentStart, this.pos);
          literal += this.readEscape();
          segmentStart = this.pos;
          continue;
        }
      }
      const next = text.charCodeAt(this.pos + 1);
      if ((code === Char.Dollar || code === Char.Percent) && next === Char.OpenBrace) {
        // A doubled introducer ($${ or %%{) is literal text; handled below.
        literal += text.slice(segmentStart, this.pos);
        const introducer = this.pos;
        const stripLeft = text.charCodeAt(this.pos + 2) === Char.Tilde;
        if (code === Char.Percent && inDirective && this.peekDirectiveEnd()) {
          flush(introducer);
          if (stripLeft) stripPrevious();
          return parts;
        }
        flush(introducer);
        if (stripLeft) stripPrevious();
        this.pos += stripLeft ? 3 : 2;
        const part = code === Char.Dollar ? this.parseInterpolation(introducer, stripLeft) : this.parseDirective(introducer, stripLeft, mode);
        if (!part) {
          segmentStart = this.pos;
          literalStart = this.pos;
          continue;
        }
        parts.push(part);
        stripNext = part.kind === "TemplateInterpolation" ? part.stripRight : Boolean((part as { stripRight?: boolean }).stripRight);
        segmentStart = this.pos;
        literalStart = this.pos;
        continue;
      }
      if ((code === Char.Dollar || code === Char.Percent) && next === code && text.charCodeAt(this.pos + 2) === Char.OpenBrace) {
        literal += text.slice(segmentStart, this.pos + 1);
        this.pos += 2;
        segmentStart = this.pos;
        continue;
      }
      this.pos++;
    }
    literal += text.slice(segmentStart, this.pos);
    flush(this.pos);
    return parts;
  }

  private readEscape(): string {
    const text = this.text;
    const start = this.pos;
    const code = text.charCodeAt(this.pos + 1);
    this.pos += 2;
    switch (code) {
      case 110: return "\n";
      case 114: return "\r";
      case 116: return "\t";
      case Char.Quote: return '"';
      case Char.Backslash: return "\\";
      case 117:
      case 85: {
        const length = code === 117 ? 4 : 8;
        const hex = text.slice(this.pos, this.pos + length);
        if (hex.length === length && /^[0-9a-fA-F]+$/.test(hex)) {
          this.pos += length;
          const point = parseInt(hex, 16);
          if (point <= 0x10ffff) return String.fromCodePoint(point);
        }
        this.error(start, this.pos, "Invalid escape sequence", `Expected ${length} hexadecimal digits after "\\${String.fromCharCode(code)}".`);
        return "";
      }
      default:
        this.error(start, Math.min(this.pos, this.limit), "Invalid escape sequence", `The escape sequence "\\${Number.isNaN(code) ? "" : String.fromCharCode(code)}" is not valid; use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN.`);
        return "";
    }
  }

  private parseInterpolation(start: number, stripLeft: boolean): TemplatePart | undefined {
    this.newlines.push(false);
    this.enter();
    try {
      const expression = this.parseExpression();
      this.skipTrivia(true);
      let stripRight = false;
      if (this.text.charCodeAt(this.pos) === Char.Tilde) {
        stripRight = true;
        this.pos++;
      }
      if (!this.expectChar(Char.CloseBrace, `"}" to close the interpolation`)) {
        this.skipPastTemplateClose();
      }
      return { kind: "TemplateInterpolation", expression, stripLeft, stripRight, start, end: this.pos };
    } finally {
      this.leave();
      this.newlines.pop();
    }
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

  /** True at `%{ else }`, `%{ endif }` or `%{ endfor }` (optionally with strip markers). */
  private peekDirectiveEnd(): boolean {
    let offset = this.pos + 2;
    if (this.text.charCodeAt(offset) === Char.Tilde) offset++;
    while (this.text.charCodeAt(offset) === Char.Space || this.text.charCodeAt(offset) === Char.Tab) offset++;
    return ["else", "endif", "endfor"].some((word) => this.text.startsWith(word, offset) && !isIdentifierPart(this.text.charCodeAt(offset + word.length)));
  }

  /** Reads `%{ word ... }` after the introducer; returns the keyword and any strip-right marker. */
  private readDirectiveKeyword(): string {
    this.skipTrivia(true);
    const start = this.pos;
    while (isIdentifierPart(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private closeDirective(): boolean {
    this.skipTrivia(true);
    let stripRight = false;
    if (this.text.charCodeAt(this.pos) === Char.Tilde) {
      stripRight = true;
      this.pos++;
    }
    if (!this.expectChar(Char.CloseBrace, `"}" to close the template directive`)) this.skipPastTemplateClose();
    return stripRight;
  }

  private parseDirective(start: number, stripLeft: boolean, mode: TemplateMode): TemplatePart | undefined {
    void stripLeft;
    this.newlines.push(false);
    this.enter();
    try {
      const keyword = this.readDirectiveKeyword();
      if (keyword === "if") {
        const condition = this.parseExpression();
        let stripRight = this.closeDirective();
        const thenParts = this.withStrip(stripRight, () => this.parseTemplateParts(mode, true));
        const thenTemplate: TemplateExpression = { kind: "Template", parts: thenParts, start: this.pos, end: this.pos };
        let elseTemplate: TemplateExpression | undefined;
        let word = this.endDirectiveWord();
        if (word === "else") {
          stripRight = this.consumeEndDirective();
          const elseParts = this.withStrip(stripRight, () => this.parseTemplateParts(mode, true));
          elseTemplate = { kind: "Template", parts: elseParts, start: this.pos, end: this.pos };
          word = this.endDirectiveWord();
        }
        if (word !== "endif") {
          this.error(start, this.pos, "Unterminated template directive", `Expected %{ endif } to close the %{ if } that starts here, but found ${word ? `%{ ${word} }` : describeAt(this.text, this.pos)}.`);
          this.itemHasError = true;
          return { kind: "TemplateIf", condition, then: thenTemplate, else: elseTemplate, start, end: this.pos };
        }
        const endStrip = this.consumeEndDirective();
        const part: TemplatePart & { stripRight?: boolean } = { kind: "TemplateIf", condition, then: thenTemplate, else: elseTemplate, start, end: this.pos };
        part.stripRight = endStrip;
        return part;
      }
      if (keyword === "for") {
        const header = this.parseForHeader("template for", "Invalid template directive");
        if (!header) {
          this.skipPastTemplateClose();
          return undefined;
        }
        const { keyVariable, valueVariable } = header;
        const collection = this.parseExpression();
        const stripRight = this.closeDirective();
        const bodyParts = this.withStrip(stripRight, () => this.parseTemplateParts(mode, true));
        const body: TemplateExpression = { kind: "Template", parts: bodyParts, start: this.pos, end: this.pos };
        const word = this.endDirectiveWord();
        if (word !== "endfor") {
          this.error(start, this.pos, "Unterminated template directive", `Expected %{ endfor } to close the %{ for } that starts here, but found ${word ? `%{ ${word} }` : describeAt(this.text, this.pos)}.`);
          this.itemHasError = true;
          return { kind: "TemplateFor", keyVariable, valueVariable, collection, body, start, end: this.pos };
        }
        const endStrip = this.consumeEndDirective();
        const part: TemplatePart & { stripRight?: boolean } = { kind: "TemplateFor", keyVariable, valueVariable, collection, body, start, end: this.pos };
        part.stripRight = endStrip;
        return part;
      }
      this.error(start, this.pos, "Invalid template directive", `Expected "if" or "for" after "%{", but found ${keyword ? `"${keyword}"` : describeAt(this.text, this.pos)}.`);
      this.itemHasError = true;
      this.skipPastTemplateClose();
      return undefined;
    } finally {
      this.leave();
      this.newlines.pop();
    }
  }

  /** Applies a `~}` strip marker to the first literal of the parts that follow it. */
  private withStrip(strip: boolean, parse: () => TemplatePart[]): TemplatePart[] {
    const parts = parse();
    const first = parts[0];
    if (strip && first?.kind === "TemplateLiteral") first.value = first.value.replace(/^\s+/, "");
    return parts;
  }

  /** At `%{ else|endif|endfor }`: the word, without consuming; "" when not at one. */
  private endDirectiveWord(): string {
    if (!(this.text.charCodeAt(this.pos) === Char.Percent && this.text.charCodeAt(this.pos + 1) === Char.OpenBrace)) return "";
    let offset = this.pos + 2;
    if (this.text.charCodeAt(offset) === Char.Tilde) offset++;
    while (this.text.charCodeAt(offset) === Char.Space || this.text.charCodeAt(offset) === Char.Tab) offset++;
    let end = offset;
    while (isIdentifierPart(this.text.charCodeAt(end))) end++;
    return this.text.slice(offset, end);
  }

  private consumeEndDirective(): boolean {
    this.pos += 2;
    if (this.text.charCodeAt(this.pos) === Char.Tilde) this.pos++;
    this.readDirectiveKeyword();
    return this.closeDirective();
  }

  // ---- lexical helpers ----------------------------------------------------------------------

  private includeNewlines(): boolean {
    return this.newlines[this.newlines.length - 1];
  }

  /** Skips spaces and comments; newlines too when `skipNewlines` is set. Records comments once. */
  private skipTrivia(skipNewlines: boolean): void {
    const text = this.text;
    const limit = this.limit;
    while (this.pos < limit) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.Space || code === Char.Tab) {
        this.pos++;
      } else if (code === Char.CarriageReturn || code === Char.LineFeed) {
        if (!skipNewlines) return;
        this.pos++;
      } else if (code === Char.Hash || (code === Char.Slash && text.charCodeAt(this.pos + 1) === Char.Slash)) {
        const start = this.pos;
        let end = text.indexOf("\n", start);
        if (end < 0 || end > limit) end = limit;
        if (end > start && text.charCodeAt(end - 1) === Char.CarriageReturn) end--;
        this.recordComment(start, end);
        this.pos = end;
      } else if (code === Char.Slash && text.charCodeAt(this.pos + 1) === Char.Star) {
        const start = this.pos;
        const close = text.indexOf("*/", start + 2);
        if (close < 0 || close + 2 > limit) {
          this.error(start, start + 2, "Unterminated comment", "Expected \"*/\" to close the comment that starts here, but found end of file.");
          this.pos = limit;
          return;
        }
        this.recordComment(start, close + 2);
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  private recordComment(start: number, end: number): void {
    if (start <= this.lastCommentEnd) return;
    this.lastCommentEnd = start;
    this.comments.push({ start, end, text: this.text.slice(start, end) });
  }

  private consumeNewline(): boolean {
    const code = this.text.charCodeAt(this.pos);
    if (code === Char.CarriageReturn && this.text.charCodeAt(this.pos + 1) === Char.LineFeed) {
      this.pos += 2;
      return true;
    }
    if (isNewline(code)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private readIdentifier(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.limit && isIdentifierPart(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private readRequiredIdentifier(what: string): string {
    if (!isIdentifierStart(this.text.charCodeAt(this.pos))) {
      if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Invalid 'for' expression", `Expected ${what}, but found ${describeAt(this.text, this.pos)}.`);
      this.itemHasError = true;
      return "";
    }
    return this.readIdentifier();
  }

  private peekKeyword(word: string): boolean {
    return this.text.startsWith(word, this.pos) && !isIdentifierPart(this.text.charCodeAt(this.pos + word.length));
  }

  private expectChar(code: number, what: string): boolean {
    if (this.text.charCodeAt(this.pos) === code && this.pos < this.limit) {
      this.pos++;
      return true;
    }
    if (!this.itemHasError) this.error(this.pos, this.pos + 1, "Missing closing delimiter", `Expected ${what}, but found ${describeAt(this.text, this.pos)}.`);
    this.itemHasError = true;
    return false;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
  }

  private leave(): void {
    this.depth--;
  }

  private error(start: number, end: number, summary: string, detail: string): void {
    const clampedStart = Math.min(start, this.text.length);
    this.diagnostics.push({ severity: "error", summary, detail, file: this.file, start: clampedStart, end: Math.max(clampedStart, Math.min(end, this.text.length)) });
  }
}

/** `<<-` heredocs: remove the smallest common leading whitespace from every line. */
function stripIndentation(parts: TemplatePart[]): void {
  // Measure the indentation of lines that start inside literal text and have content; a line
  // whose content is an interpolation counts too.
  let minimum = Infinity;
  let atLineStart = true;
  parts.forEach((part, partIndex) => {
    if (part.kind !== "TemplateLiteral") {
      atLineStart = false;
      return;
    }
    const lines = part.value.split("\n");
    const followedByExpression = partIndex + 1 < parts.length;
    lines.forEach((line, index) => {
      if (!(index > 0 || atLineStart)) return;
      const hasContent = line.trim() !== "" || (index === lines.length - 1 && followedByExpression);
      if (hasContent) minimum = Math.min(minimum, /^[^\S\n]*/.exec(line)?.[0].length ?? 0);
    });
    atLineStart = part.value.endsWith("\n");
  });
  if (!Number.isFinite(minimum) || minimum === 0) return;
  const indentation = new RegExp(`^[^\\S\\n]{0,${minimum}}`);
  atLineStart = true;
  for (const part of parts) {
    if (part.kind !== "TemplateLiteral") {
      atLineStart = false;
      continue;
    }
    part.value = part.value
      .split("\n")
      .map((line, index) => (index > 0 || atLineStart ? line.replace(indentation, "") : line))
      .join("\n");
    atLineStart = part.value.endsWith("\n");
  }
}
