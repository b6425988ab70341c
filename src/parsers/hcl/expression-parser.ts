/**
 * HCL expressions by recursive descent over char codes: operators by precedence climbing (the
 * spec's `||` lowest … unary highest), traversals, splats, calls, tuples, objects and for
 * expressions. Every construct that nests counts towards MAX_DEPTH, so the recursion is bounded.
 * Templates and heredocs are parsed by the subclass (template-parser.ts).
 */
import type { BinaryOperator, Expression, ObjectItem } from "./ast.js";
import { Char, identifierStartWidth, isDigit, isNewline } from "./char-codes.js";
import { Scanner, exactly, splatBracketEnd } from "./scanner.js";

/** Precedence by operator; higher binds tighter. */
const PRECEDENCE: Record<BinaryOperator, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};

export abstract class ExpressionParser extends Scanner {
  /** A quoted string at `pos`: a Literal when it has no interpolation or directive, else a Template. */
  protected abstract parseQuotedString(): Expression;
  /** A heredoc at `pos` (`<<EOT` or `<<-EOT`). */
  protected abstract parseHeredoc(): Expression;

  parseExpression(): Expression {
    const condition = this.parseBinary(1);
    this.skipTrivia(!this.newlineSensitive);
    if (this.peek() !== Char.Question) return condition;
    this.pos++;
    if (!this.enter()) return this.tooDeep(condition.start);
    const trueResult = this.parseExpression();
    this.skipTrivia(!this.newlineSensitive);
    let falseResult: Expression;
    if (this.expectChar(Char.Colon, '":" in the conditional expression')) falseResult = this.parseExpression();
    else falseResult = { kind: "Invalid", start: this.pos, end: this.pos };
    this.leave();
    return { kind: "Conditional", condition, trueResult, falseResult, start: condition.start, end: falseResult.end };
  }

  /** Precedence climbing: the loop makes operators of one level left-associative without recursion. */
  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      this.skipTrivia(!this.newlineSensitive);
      const operator = this.peekBinaryOperator();
      if (operator === undefined) return left;
      const precedence = PRECEDENCE[operator];
      if (precedence < minPrecedence) return left;
      this.pos += operator.length;
      // Recursion here is bounded by the number of precedence levels.
      const right = this.parseBinary(precedence + 1);
      left = { kind: "Binary", operator, left, right, start: left.start, end: right.end };
    }
  }

  private peekBinaryOperator(): BinaryOperator | undefined {
    if (this.pos >= this.limit) return undefined;
    const text = this.text;
    const code = text.charCodeAt(this.pos);
    const next = this.pos + 1 < this.limit ? text.charCodeAt(this.pos + 1) : NaN;
    switch (code) {
      case Char.Pipe:
        return next === Char.Pipe ? "||" : undefined;
      case Char.Ampersand:
        return next === Char.Ampersand ? "&&" : undefined;
      case Char.Equals:
        return next === Char.Equals ? "==" : undefined;
      case Char.Bang:
        return next === Char.Equals ? "!=" : undefined;
      case Char.Less:
        return next === Char.Equals ? "<=" : next === Char.Less ? undefined : "<";
      case Char.Greater:
        return next === Char.Equals ? ">=" : ">";
      case Char.Plus:
        return "+";
      case Char.Minus:
        return "-";
      case Char.Star:
        return "*";
      case Char.Slash:
        return next === Char.Slash || next === Char.Star ? undefined : "/";
      case Char.Percent:
        return "%";
      default:
        return undefined;
    }
  }

  private parseUnary(): Expression {
    this.skipTrivia(!this.newlineSensitive);
    const code = this.peek();
    if (code === Char.Minus || (code === Char.Bang && this.text.charCodeAt(this.pos + 1) !== Char.Equals)) {
      const start = this.pos;
      if (!this.enter()) return this.tooDeep(start);
      this.pos++;
      const operand = this.parseUnary();
      this.leave();
      return { kind: "Unary", operator: code === Char.Bang ? "!" : "-", operand, start, end: operand.end };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  /** Attribute access, indexes, legacy `.0` indexes and splats after an expression. */
  private parsePostfix(expression: Expression): Expression {
    let result = expression;
    const text = this.text;
    for (;;) {
      // Tokens may be spaced: `x . y`, `x [0]` (and split by newlines inside brackets).
      const end = this.pos;
      this.skipTrivia(!this.newlineSensitive);
      if (this.pos >= this.limit) return result;
      const code = text.charCodeAt(this.pos);
      if (code !== Char.Dot && code !== Char.OpenBracket) {
        this.pos = end;
        return result;
      }
      if (code === Char.Dot) {
        const next = text.charCodeAt(this.pos + 1);
        // `...` expands a final argument or groups for-expression values: not a traversal.
        if (next === Char.Dot) {
          this.pos = end;
          return result;
        }
        if (next === Char.Star && this.pos + 1 < this.limit) {
          result = this.parseAttributeSplat(result);
          continue;
        }
        const step = this.parseDotStep(result);
        if (step === undefined) return result;
        result = step;
      } else {
        const afterSplat = this.splatBracketEnd();
        if (afterSplat > 0) return this.parseFullSplat(result, afterSplat);
        const index = this.parseIndex(result);
        if (index.kind === "Invalid") return index;
        result = index;
      }
    }
  }

  /** `.name` or a legacy `.0` index; undefined (with a diagnostic) when neither follows the dot. */
  private parseDotStep(object: Expression): Expression | undefined {
    const text = this.text;
    this.pos++;
    this.skipTrivia(!this.newlineSensitive);
    if (this.pos < this.limit && identifierStartWidth(text, this.pos) > 0) {
      const nameStart = this.pos;
      const name = this.readIdentifier();
      return {
        kind: "GetAttr",
        object,
        name,
        nameSpan: { start: nameStart, end: this.pos },
        start: object.start,
        end: this.pos,
      };
    }
    if (this.pos < this.limit && isDigit(text.charCodeAt(this.pos))) {
      const keyStart = this.pos;
      while (this.pos < this.limit && isDigit(text.charCodeAt(this.pos))) this.pos++;
      const keyEnd = this.pos;
      // HashiCorp's scanner reads `0.1` after a dot as one number: two chained legacy indexes.
      if (
        text.charCodeAt(this.pos) === Char.Dot &&
        isDigit(text.charCodeAt(this.pos + 1)) &&
        this.pos + 1 < this.limit
      ) {
        this.pos++;
        while (this.pos < this.limit && isDigit(text.charCodeAt(this.pos))) this.pos++;
        if (!this.itemHasError)
          this.error(
            keyStart,
            this.pos,
            "Invalid legacy index syntax",
            "Two legacy indexes cannot be chained (like .0.1); use brackets instead, like [0][1].",
          );
        this.itemHasError = true;
      }
      const raw = text.slice(keyStart, keyEnd);
      return {
        kind: "Index",
        object,
        key: { kind: "Literal", value: Number(raw), raw, start: keyStart, end: keyEnd },
        legacy: true,
        start: object.start,
        end: this.pos,
      };
    }
    if (!this.itemHasError)
      this.error(
        this.pos,
        this.pos + 1,
        "Invalid attribute name",
        `Expected an attribute name after ".", but found ${this.found()}.`,
      );
    this.itemHasError = true;
    return undefined;
  }

  /** At `[`: the offset after a `[*]` splat bracket (spaces allowed inside), or 0 if it is not one. */
  private splatBracketEnd(): number {
    return splatBracketEnd(this.text, this.pos, this.limit);
  }

  private parseIndex(object: Expression): Expression {
    const open = this.pos;
    if (!this.enter()) return this.tooDeep(open);
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    const key = this.parseExpression();
    this.skipTrivia(true);
    this.expectChar(Char.CloseBracket, '"]" to close the index');
    this.newlineSensitive = saved;
    this.leave();
    return { kind: "Index", object, key, start: object.start, end: this.pos };
  }

  /**
   * `source[*]…`: every traversal step that follows, including further splats, applies to each
   * element (HashiCorp nests them the same way), so the splat ends the postfix chain.
   */
  private parseFullSplat(source: Expression, after: number): Expression {
    if (!this.enter()) return this.tooDeep(this.pos);
    this.pos = after;
    const each = this.parsePostfix({ kind: "SplatItem", start: after, end: after });
    this.leave();
    return { kind: "Splat", source, each, full: true, start: source.start, end: this.pos };
  }

  /** `source.*.a.b`: only attribute steps apply to each element; what follows applies to the result. */
  private parseAttributeSplat(source: Expression): Expression {
    this.pos += 2;
    let each: Expression = { kind: "SplatItem", start: this.pos, end: this.pos };
    while (this.text.charCodeAt(this.pos) === Char.Dot && this.pos + 1 < this.limit) {
      const next = this.text.charCodeAt(this.pos + 1);
      if (next === Char.Dot || next === Char.Star) break;
      const step = this.parseDotStep(each);
      if (step === undefined) break;
      each = step;
    }
    return { kind: "Splat", source, each, full: false, start: source.start, end: this.pos };
  }

  private parsePrimary(): Expression {
    this.skipTrivia(!this.newlineSensitive);
    const start = this.pos;
    if (start >= this.limit) return this.missingExpression();
    const code = this.text.charCodeAt(start);
    if (isDigit(code)) return this.parseNumber();
    if (code === Char.Quote) return this.parseQuotedString();
    if (code === Char.OpenBracket) return this.parseTuple();
    if (code === Char.OpenBrace) return this.parseObject();
    if (code === Char.OpenParen) return this.parseParentheses();
    if (code === Char.Less && this.text.charCodeAt(start + 1) === Char.Less) return this.parseHeredoc();
    if (identifierStartWidth(this.text, start) > 0) return this.parseIdentifierExpression();
    return this.missingExpression();
  }

  protected missingExpression(): Expression {
    const start = this.pos;
    if (!this.itemHasError)
      this.error(
        start,
        start + 1,
        "Invalid expression",
        `Expected the start of an expression, but found ${this.found()}.`,
      );
    this.itemHasError = true;
    return { kind: "Invalid", start, end: start };
  }

  private parseNumber(): Expression {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    let pos = start;
    while (pos < limit && isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === Char.Dot && pos + 1 < limit && isDigit(text.charCodeAt(pos + 1))) {
      pos++;
      while (pos < limit && isDigit(text.charCodeAt(pos))) pos++;
      // `1.5.2`: HashiCorp's scanner takes it all as one malformed number.
      if (text.charCodeAt(pos) === Char.Dot && pos + 1 < limit && isDigit(text.charCodeAt(pos + 1))) {
        while (pos < limit && (isDigit(text.charCodeAt(pos)) || text.charCodeAt(pos) === Char.Dot)) pos++;
        this.pos = pos;
        if (!this.itemHasError)
          this.error(start, pos, "Invalid number literal", `"${text.slice(start, pos)}" is not a number.`);
        this.itemHasError = true;
        return { kind: "Invalid", start, end: pos };
      }
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
    const raw = text.slice(start, pos);
    return { kind: "Literal", value: Number(raw), raw, start, end: pos };
  }

  private parseIdentifierExpression(): Expression {
    const text = this.text;
    const start = this.pos;
    let name = this.readIdentifier();
    let namespaced = false;
    // Namespaced functions: provider::aws::arn_parse(...)
    while (
      text.charCodeAt(this.pos) === Char.Colon &&
      text.charCodeAt(this.pos + 1) === Char.Colon &&
      this.pos + 2 < this.limit &&
      identifierStartWidth(text, this.pos + 2) > 0
    ) {
      this.pos += 2;
      name += `::${this.readIdentifier()}`;
      namespaced = true;
    }
    const nameEnd = this.pos;
    this.skipTrivia(!this.newlineSensitive);
    if (this.peek() === Char.OpenParen) return this.parseFunctionCall(name, { start, end: nameEnd });
    this.pos = nameEnd;
    if (namespaced) {
      if (!this.itemHasError)
        this.error(
          nameEnd,
          nameEnd + 1,
          "Missing function arguments",
          `Expected "(" after the function name "${name}", but found ${this.found()}.`,
        );
      this.itemHasError = true;
    }
    if (name === "true") return { kind: "Literal", value: true, start, end: nameEnd };
    if (name === "false") return { kind: "Literal", value: false, start, end: nameEnd };
    if (name === "null") return { kind: "Literal", value: null, start, end: nameEnd };
    return { kind: "Variable", name, start, end: nameEnd };
  }

  private parseFunctionCall(name: string, nameSpan: { start: number; end: number }): Expression {
    const open = this.pos;
    if (!this.enter()) return this.tooDeep(open);
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    const args: Expression[] = [];
    let expandFinal = false;
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.limit || this.text.charCodeAt(this.pos) === Char.CloseParen) break;
      args.push(this.parseExpression());
      this.skipTrivia(true);
      if (this.peekEllipsis()) {
        const ellipsis = this.pos;
        this.pos += 3;
        expandFinal = true;
        this.skipTrivia(true);
        if (this.peek() !== Char.CloseParen) {
          if (!this.itemHasError)
            this.error(
              ellipsis,
              ellipsis + 3,
              "Missing closing parenthesis",
              `An expanded argument (with "...") must be the last one, immediately followed by ")", but found ${this.found()}.`,
            );
          this.itemHasError = true;
          break;
        }
      }
      const code = this.peek();
      if (code === Char.Comma) this.pos++;
      else if (code !== Char.CloseParen) {
        if (!this.itemHasError)
          this.error(
            this.pos,
            this.pos + 1,
            "Missing argument separator",
            `Expected "," or ")" in the arguments of ${name}(), but found ${this.found()}.`,
          );
        this.itemHasError = true;
        break;
      }
    }
    this.expectChar(Char.CloseParen, `")" to close the call to ${name}()`);
    this.newlineSensitive = saved;
    this.leave();
    return {
      kind: "FunctionCall",
      name,
      nameSpan,
      args: exactly(args),
      expandFinal,
      start: nameSpan.start,
      end: this.pos,
    };
  }

  private parseParentheses(): Expression {
    const start = this.pos;
    if (!this.enter()) return this.tooDeep(start);
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    const expression = this.parseExpression();
    this.skipTrivia(true);
    this.expectChar(Char.CloseParen, '")" to close the parentheses');
    this.newlineSensitive = saved;
    this.leave();
    return { kind: "Parentheses", expression, start, end: this.pos };
  }

  private parseTuple(): Expression {
    const start = this.pos;
    if (!this.enter()) return this.tooDeep(start);
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    this.skipTrivia(true);
    let result: Expression;
    if (this.peekKeyword("for")) result = this.parseFor(start, false);
    else {
      const items: Expression[] = [];
      for (;;) {
        this.skipTrivia(true);
        if (this.pos >= this.limit || this.text.charCodeAt(this.pos) === Char.CloseBracket) break;
        items.push(this.parseExpression());
        this.skipTrivia(true);
        const after = this.peek();
        if (after === Char.Comma) this.pos++;
        else if (after !== Char.CloseBracket) {
          if (!this.itemHasError)
            this.error(
              this.pos,
              this.pos + 1,
              "Missing item separator",
              `Expected "," or "]" in the tuple, but found ${this.found()}.`,
            );
          this.itemHasError = true;
          break;
        }
      }
      this.expectChar(Char.CloseBracket, '"]" to close the tuple');
      result = { kind: "Tuple", items: exactly(items), start, end: this.pos };
    }
    this.newlineSensitive = saved;
    this.leave();
    return result;
  }

  /** `{ k = v, k2 : v2 \n … }`: items are separated by commas or newlines; `{for …}` too. */
  private parseObject(): Expression {
    const start = this.pos;
    if (!this.enter()) return this.tooDeep(start);
    this.pos++;
    const saved = this.newlineSensitive;
    this.newlineSensitive = false;
    this.skipTrivia(true);
    let result: Expression;
    if (this.peekKeyword("for")) result = this.parseFor(start, true);
    else {
      this.newlineSensitive = true;
      result = this.parseObjectItems(start);
    }
    this.newlineSensitive = saved;
    this.leave();
    return result;
  }

  private parseObjectItems(start: number): Expression {
    const text = this.text;
    const items: ObjectItem[] = [];
    for (;;) {
      this.skipTrivia(false);
      if (this.pos >= this.limit) break;
      const code = text.charCodeAt(this.pos);
      if (isNewline(code)) {
        this.pos++;
        continue;
      }
      if (code === Char.CloseBrace) break;
      const item = this.parseObjectItem();
      if (item === undefined) {
        this.skipToLineEndOrClose(true);
        continue;
      }
      items.push(item);
      this.skipTrivia(false);
      const after = this.peek();
      if (after === Char.Comma) this.pos++;
      else if (!isNewline(after) && after !== Char.CloseBrace) {
        if (!this.itemHasError)
          this.error(
            this.pos,
            this.pos + 1,
            "Missing attribute separator",
            `Expected a newline or comma after the object attribute, but found ${this.found()}.`,
          );
        this.itemHasError = true;
        this.skipToLineEndOrClose(true);
      }
    }
    if (this.peek() !== Char.CloseBrace) {
      if (!this.itemHasError)
        this.error(
          start,
          start + 1,
          "Unclosed object",
          `There is no closing brace for the object opened here; expected "}" before ${this.found()}.`,
        );
      this.itemHasError = true;
      return { kind: "Object", items: exactly(items), start, end: this.pos };
    }
    this.pos++;
    return { kind: "Object", items: exactly(items), start, end: this.pos };
  }

  private parseObjectItem(): ObjectItem | undefined {
    const start = this.pos;
    // As in hclsyntax, a key is a whole expression; a bare name is the string it spells.
    let key = this.parseExpression();
    if (key.kind === "Variable") key = { kind: "Literal", value: key.name, start: key.start, end: key.end };
    this.skipTrivia(false);
    const code = this.peek();
    if (!(code === Char.Equals && this.text.charCodeAt(this.pos + 1) !== Char.Equals) && code !== Char.Colon) {
      if (!this.itemHasError)
        this.error(
          this.pos,
          this.pos + 1,
          "Missing key/value separator",
          `Expected "=" or ":" after the object key, but found ${this.found()}.`,
        );
      this.itemHasError = true;
      return undefined;
    }
    this.pos++;
    const value = this.parseExpression();
    return { key, value, start, end: value.end };
  }

  /** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
  private parseFor(start: number, isObject: boolean): Expression {
    const close = isObject ? Char.CloseBrace : Char.CloseBracket;
    this.pos += 3;
    const header = this.parseForHeader("for-expression", "Invalid 'for' expression");
    if (header === undefined) return this.skipToClose(start, close);
    const collection = this.parseExpression();
    this.skipTrivia(true);
    if (!this.expectChar(Char.Colon, '":" after the for-expression collection')) return this.skipToClose(start, close);
    let keyExpression: Expression | undefined;
    let valueExpression = this.parseExpression();
    let grouping = false;
    this.skipTrivia(true);
    if (isObject) {
      if (!(this.peek() === Char.Equals && this.text.charCodeAt(this.pos + 1) === Char.Greater)) {
        if (!this.itemHasError)
          this.error(
            this.pos,
            this.pos + 1,
            "Invalid 'for' expression",
            `Expected "=>" between the key and value of an object for-expression, but found ${this.found()}.`,
          );
        this.itemHasError = true;
        return this.skipToClose(start, close);
      }
      this.pos += 2;
      keyExpression = valueExpression;
      valueExpression = this.parseExpression();
      this.skipTrivia(true);
      if (this.peekEllipsis()) {
        this.pos += 3;
        grouping = true;
        this.skipTrivia(true);
      }
    }
    if (!isObject && this.peekEllipsis()) {
      if (!this.itemHasError)
        this.error(
          this.pos,
          this.pos + 3,
          "Invalid 'for' expression",
          'The grouping ellipsis ("...") is only for object for-expressions, not tuples.',
        );
      this.itemHasError = true;
      return this.skipToClose(start, close);
    }
    let condition: Expression | undefined;
    if (this.peekKeyword("if")) {
      this.pos += 2;
      condition = this.parseExpression();
      this.skipTrivia(true);
    }
    if (!this.expectChar(close, isObject ? '"}" to close the for-expression' : '"]" to close the for-expression'))
      this.skipToClose(start, close);
    const { keyVariable, valueVariable } = header;
    return {
      kind: "For",
      keyVariable,
      valueVariable,
      collection,
      keyExpression,
      valueExpression,
      condition,
      grouping,
      start,
      end: this.pos,
    };
  }

  /** `k, v in` or `v in` after `for`; undefined (with a diagnostic) when "in" is missing. */
  protected parseForHeader(what: string, summary: string): { keyVariable?: string; valueVariable: string } | undefined {
    this.skipTrivia(true);
    const first = this.readRequiredIdentifier(`a ${what} variable name`, summary);
    let keyVariable: string | undefined;
    let valueVariable = first;
    this.skipTrivia(true);
    if (this.peek() === Char.Comma) {
      this.pos++;
      this.skipTrivia(true);
      keyVariable = first;
      valueVariable = this.readRequiredIdentifier(`the ${what} value variable name`, summary);
      this.skipTrivia(true);
    }
    if (!this.peekKeyword("in")) {
      if (!this.itemHasError)
        this.error(
          this.pos,
          this.pos + 1,
          summary,
          `Expected "in" after the ${what} variables, but found ${this.found()}.`,
        );
      this.itemHasError = true;
      return undefined;
    }
    this.pos += 2;
    return keyVariable === undefined ? { valueVariable } : { keyVariable, valueVariable };
  }

  private readRequiredIdentifier(what: string, summary: string): string {
    if (this.pos >= this.limit || identifierStartWidth(this.text, this.pos) === 0) {
      if (!this.itemHasError)
        this.error(this.pos, this.pos + 1, summary, `Expected ${what}, but found ${this.found()}.`);
      this.itemHasError = true;
      return "";
    }
    return this.readIdentifier();
  }
}
