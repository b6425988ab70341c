/**
 * HCL bodies: attributes and blocks (with quoted or bare labels), one-line blocks, duplicate
 * attributes, and recovery after errors at the next line of the enclosing body, so one bad item
 * does not hide the rest of the file. Also the entry points for standalone expressions and
 * templates in a region of a file.
 */
import type { Attribute, Block, BlockLabel, Body, Expression, Span, TemplateExpression } from "./ast.js";
import { Char, identifierStartWidth, isNewline } from "./char-codes.js";
import { TemplateParser } from "./template-parser.js";
import { SourceFile } from "../../source/source-file.js";
import { compactBlock, compactBody } from "./compact-nodes.js";
import {
  AttributeForm,
  attributeNameId,
  attributeNameOfId,
  attributeTable,
  ENTRY_SIZE,
  LINEAR_DUPLICATE_SCAN,
  useExpressionParser,
  type AttributeTable,
} from "./packed-attributes.js";
import { ExpressionRecognizer } from "./expression-recognizer.js";

/** A parser's table before it parses a file: parsers made to read one expression again never need one. */
const NO_TABLE_ENTRIES = new Int32Array(0);

/** The table a file's attributes are gathered in while it is parsed (see parseConfigFile). */
let tableScratch: Int32Array = new Int32Array(1024);
/** A table grown past this (4 MiB) for one huge file is not kept for the files after it. */
const LARGEST_KEPT_SCRATCH = 1024 * 1024;

/** Shared by the compact blocks without labels (never added to). */
const NO_LABELS: BlockLabel[] = Object.freeze([]) as unknown as BlockLabel[];

/** What `parseBodyItem` returns in lazy mode for an attribute, which it packed (`packAttribute`). */
const PACKED = Symbol("packed attribute");

export class HclParser extends TemplateParser {
  /**
   * Keep attribute expressions as offsets, parsed again when first read (`LazyAttribute`). Set by
   * the module loader: a scan reads a small part of a large estate's expressions, and keeping every
   * syntax tree was most of its memory and of the garbage collector's work.
   */
  lazyExpressions = false;

  parseConfigFile(): Body {
    if (!this.lazyExpressions) return this.parseBody(false);
    const table = (this.table = attributeTable(this.file));
    // Grown in the buffer every file parse shares (parses never nest), then copied out exactly: a
    // file's table grown afresh was several typed arrays per file, each costly to make.
    this.tableEntries = tableScratch;
    const body = this.parseBody(false);
    if (this.tableEntries.length <= LARGEST_KEPT_SCRATCH) tableScratch = this.tableEntries;
    table.entries = this.tableEntries.slice(0, this.tableLength);
    if (this.tablePlain.length) {
      const views = (table.views = new Array<Attribute | undefined>(this.tableLength / ENTRY_SIZE).fill(undefined));
      for (const { index, attribute } of this.tablePlain) views[index] = attribute;
    }
    return body;
  }

  /** The expression of `file` starting at `start`, parsed as a new parser would parse it (this one is reused). */
  parseExpressionAgain(file: SourceFile, start: number): Expression {
    this.restart(file, start, file.text.length);
    return this.parseExpression();
  }

  /** An expression filling the region (a `-var` value, a Terraform JSON expression string). */
  parseStandaloneExpression(): Expression {
    this.newlineSensitive = false;
    const start = this.pos;
    const expression = this.parseExpression();
    this.skipTrivia(true);
    if (this.pos < this.limit) {
      if (!this.itemHasError)
        this.error(
          this.pos,
          this.pos + 1,
          "Extra characters after expression",
          `Expected the end of the expression, but found ${this.found()}.`,
        );
      return { kind: "Invalid", start, end: this.limit };
    }
    return expression;
  }

  /**
   * The attributes and blocks of the bodies being parsed, innermost last: each body takes its own
   * from the top as a list of exactly their length, so no list grows (and is thrown away) per body.
   */
  private readonly attributeStack: Attribute[] = [];
  private readonly blockStack: Block[] = [];

  /**
   * In lazy mode, the attributes of the bodies being parsed as packed entries (see
   * packed-attributes.ts), innermost last; an entry of an attribute kept whole holds its index in
   * `plainStack`. A body moves its own to the file's table when it ends.
   */
  private readonly packedStack: number[] = [];
  private readonly plainStack: Attribute[] = [];
  private table: AttributeTable | undefined;
  /** The file's table as it grows (`tableLength` numbers used), and its attributes kept whole. */
  private tableEntries: Int32Array = NO_TABLE_ENTRIES;
  private tableLength = 0;
  private tablePlain: { index: number; attribute: Attribute }[] = [];

  /** The items of a file (`inBlock` false) or of a block, up to its `}` (left for the caller). */
  private parseBody(inBlock: boolean): Body {
    const text = this.text;
    const start = this.pos;
    const attributeStack = this.attributeStack;
    const blockStack = this.blockStack;
    const attributeBase = attributeStack.length;
    const blockBase = blockStack.length;
    const packedBase = this.packedStack.length;
    const plainBase = this.plainStack.length;
    let names: Map<string, Attribute> | undefined;
    let packedNames: Map<number, number> | undefined;
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.limit) break;
      const code = text.charCodeAt(this.pos);
      if (code === Char.CloseBrace) {
        if (inBlock) break;
        this.error(
          this.pos,
          this.pos + 1,
          "Argument or block definition required",
          'Expected an attribute or a block, but found "}" with no block to close.',
        );
        this.pos++;
        continue;
      }
      this.itemHasError = false;
      const item = this.parseBodyItem();
      if (item === undefined) {
        this.skipToLineEndOrClose(true);
        continue;
      }
      if (item === PACKED) packedNames = this.checkPackedDuplicate(packedBase, packedNames);
      else if (item.kind === "Attribute") {
        let previous: Attribute | undefined;
        if (attributeStack.length - attributeBase < LINEAR_DUPLICATE_SCAN) {
          for (let index = attributeBase; index < attributeStack.length; index++)
            if (attributeStack[index].name === item.name) previous = attributeStack[index];
        } else {
          if (names === undefined) {
            names = new Map();
            for (let index = attributeBase; index < attributeStack.length; index++) {
              const attribute = attributeStack[index];
              if (!names.has(attribute.name)) names.set(attribute.name, attribute);
            }
          }
          previous = names.get(item.name);
          if (previous === undefined) names.set(item.name, item);
        }
        if (previous !== undefined) {
          const at = this.file.position(previous.nameSpan.start);
          this.error(
            item.nameSpan.start,
            item.nameSpan.end,
            "Attribute redefined",
            `The argument "${item.name}" was already set at line ${at.line}, column ${at.column}. Each argument may be set only once.`,
          );
        }
        attributeStack.push(item);
      } else blockStack.push(item);
    }
    const blocks = blockStack.slice(blockBase);
    // Popped rather than truncated by setting the length, which is a slow call into the runtime.
    while (blockStack.length > blockBase) blockStack.pop();
    if (this.lazyExpressions) {
      const count = (this.packedStack.length - packedBase) / ENTRY_SIZE;
      const first = this.moveToTable(packedBase, plainBase);
      return compactBody(this.table as AttributeTable, first, count, blocks, start, this.pos);
    }
    const attributes = attributeStack.slice(attributeBase);
    while (attributeStack.length > attributeBase) attributeStack.pop();
    // With only attributes or only blocks, the items are that same list.
    const items =
      blocks.length === 0 ? attributes : attributes.length === 0 ? blocks : inSourceOrder(attributes, blocks);
    return { kind: "Body", attributes, blocks, items, start, end: this.pos };
  }

  /**
   * Reports the attribute just packed if its body set it already; `names` (made when the body has
   * many attributes) maps name ids to the start of their first attribute, and is returned.
   */
  private checkPackedDuplicate(
    packedBase: number,
    names: Map<number, number> | undefined,
  ): Map<number, number> | undefined {
    const stack = this.packedStack;
    const at = stack.length - ENTRY_SIZE;
    const id = stack[at] >> 2;
    let previousStart = -1;
    if (at - packedBase < LINEAR_DUPLICATE_SCAN * ENTRY_SIZE) {
      for (let before = packedBase; before < at; before += ENTRY_SIZE)
        if (stack[before] >> 2 === id) previousStart = stack[before + 1];
    } else {
      if (names === undefined) {
        names = new Map();
        for (let before = packedBase; before < at; before += ENTRY_SIZE)
          if (!names.has(stack[before] >> 2)) names.set(stack[before] >> 2, stack[before + 1]);
      }
      previousStart = names.get(id) ?? -1;
      if (previousStart < 0) names.set(id, stack[at + 1]);
    }
    if (previousStart >= 0) {
      if (this.table) this.table.duplicates = true;
      const name = attributeNameOfId(id);
      const start = stack[at + 1];
      const position = this.file.position(previousStart);
      this.error(
        start,
        start + name.length,
        "Attribute redefined",
        `The argument "${name}" was already set at line ${position.line}, column ${position.column}. Each argument may be set only once.`,
      );
    }
    return names;
  }

  /**
   * Pushes an attribute's entry on the packed stack; `expressionStart` of a plain one is its index
   * in `plainStack`. `nameSlot` is the name cache slot `readIdentifier` read the name from.
   */
  private packAttribute(
    name: string,
    nameSlot: number,
    form: AttributeForm,
    start: number,
    expressionStart: number,
    end: number,
  ): void {
    let id = this.numberOfName(name, nameSlot);
    if (id < 0) {
      id = attributeNameId(name);
      this.keepNumberOfName(name, nameSlot, id);
    }
    this.packedStack.push((id << 2) | form, start, expressionStart, end);
  }

  /** Moves the entries from `packedBase` up to the file's table; returns the index of the first. */
  private moveToTable(packedBase: number, plainBase: number): number {
    const stack = this.packedStack;
    const first = this.tableLength / ENTRY_SIZE;
    const needed = this.tableLength + stack.length - packedBase;
    if (needed > this.tableEntries.length) {
      const grown = new Int32Array(Math.max(needed, this.tableEntries.length * 2, 64));
      grown.set(this.tableEntries.subarray(0, this.tableLength));
      this.tableEntries = grown;
    }
    const entries = this.tableEntries;
    let length = this.tableLength;
    for (let at = packedBase; at < stack.length; at++) entries[length++] = stack[at];
    if (this.plainStack.length > plainBase) {
      for (let at = packedBase; at < stack.length; at += ENTRY_SIZE) {
        if ((stack[at] & 3) !== AttributeForm.Plain) continue;
        const attribute = this.plainStack[stack[at + 2]];
        const index = first + (at - packedBase) / ENTRY_SIZE;
        entries[index * ENTRY_SIZE + 2] = attribute.expression.start;
        this.tablePlain.push({ index, attribute });
      }
      while (this.plainStack.length > plainBase) this.plainStack.pop();
    }
    this.tableLength = length;
    while (stack.length > packedBase) stack.pop();
    return first;
  }

  private parseBodyItem(): Attribute | Block | typeof PACKED | undefined {
    const start = this.pos;
    if (identifierStartWidth(this.text, start) === 0) {
      this.error(
        start,
        start + 1,
        "Argument or block definition required",
        `Expected an attribute or a block, but found ${this.found()}.`,
      );
      return undefined;
    }
    const name = this.readIdentifier();
    const nameSlot = this.nameSlot;
    const nameEnd = this.pos;
    this.skipTrivia(false);
    const next = this.peek();
    if (next === Char.Equals && this.text.charCodeAt(this.pos + 1) !== Char.Equals) {
      this.pos++;
      if (this.lazyExpressions && this.recognizedAttribute(name, nameSlot, start)) {
        this.expectItemEnd("argument");
        return PACKED;
      }
      const diagnostics = this.diagnostics.length;
      const expression = this.parseExpression();
      // In lazy mode, an expression with an error stays as parsed: parsing it again could not give the same recovery.
      const packed = this.lazyExpressions && this.diagnostics.length === diagnostics && !this.itemHasError;
      if (packed) this.packAttribute(name, nameSlot, this.formOf(name), start, expression.start, expression.end);
      const attribute: Attribute | typeof PACKED = packed
        ? PACKED
        : { kind: "Attribute", name, nameSpan: { start, end: nameEnd }, expression, start, end: expression.end };
      if (this.lazyExpressions && attribute !== PACKED) {
        this.packAttribute(name, nameSlot, AttributeForm.Plain, start, this.plainStack.length, expression.end);
        this.plainStack.push(attribute);
      }
      this.expectItemEnd("argument");
      return this.lazyExpressions ? PACKED : attribute;
    }
    if (
      next === Char.Quote ||
      next === Char.OpenBrace ||
      (this.pos < this.limit && identifierStartWidth(this.text, this.pos) > 0)
    )
      return this.parseBlock(name, nameEnd, start);
    this.error(
      this.pos,
      this.pos + 1,
      "Argument or block definition required",
      `Expected "=" to set argument "${name}", or a block's labels and "{", but found ${this.found()}.`,
    );
    return undefined;
  }

  /**
   * In lazy mode, packs an attribute whose expression the recognizer follows to its end with no
   * error, without building its tree; false (nothing consumed) for the full parser.
   */
  private recognizedAttribute(name: string, nameSlot: number, start: number): boolean {
    const recognizer = (this.recognizer ??= new ExpressionRecognizer());
    const end = recognizer.recognize(this.text, this.pos, this.limit, this.depth, this.lastCommentStart);
    if (end < 0) return false;
    const comments = recognizer.comments;
    for (let index = 0; index < recognizer.commentCount * 2; index += 2)
      this.recordComment(comments[index], comments[index + 1]);
    this.pos = recognizer.pos;
    this.packAttribute(name, nameSlot, this.formOf(name), start, recognizer.expressionStart, end);
    return true;
  }

  private recognizer: ExpressionRecognizer | undefined;

  /**
   * Whether a packed attribute keeps its expression once parsed. A resource's or data source's
   * arguments are read once, through the model (which keeps their values), so their trees are
   * parsed again if asked for rather than kept; declarations, module calls and the meta-arguments
   * that expand a block are read again for every module instance, so theirs are kept (from their second read).
   */
  private formOf(name: string): AttributeForm {
    return !this.inResourceOrData || name === "count" || name === "for_each"
      ? AttributeForm.Kept
      : AttributeForm.ReadOnce;
  }

  /** Whether the top-level block being parsed is a resource or a data source. */
  private inResourceOrData = false;

  /** The labels of the block being parsed (reused: labels are read before the body). */
  private readonly labelScratch: BlockLabel[] = [];

  private parseBlock(type: string, typeEnd: number, start: number): Block | undefined {
    if (this.depth === 0) this.inResourceOrData = type === "resource" || type === "data";
    const labelScratch = this.labelScratch;
    while (labelScratch.length > 0) labelScratch.pop();
    for (;;) {
      this.skipTrivia(false);
      const code = this.peek();
      if (code === Char.OpenBrace) break;
      if (code === Char.Quote) {
        const label = this.parseQuotedLabel();
        if (label === undefined) return undefined;
        labelScratch.push(label);
      } else if (this.pos < this.limit && identifierStartWidth(this.text, this.pos) > 0) {
        const labelStart = this.pos;
        const value = this.readIdentifier();
        labelScratch.push({ value, quoted: false, start: labelStart, end: this.pos });
      } else {
        this.error(
          this.pos,
          this.pos + 1,
          "Invalid block definition",
          `Expected a quoted label or "{" to open the "${type}" block, but found ${this.found()}.`,
        );
        return undefined;
      }
    }
    // Copied: the body's blocks reuse the scratch list.
    const labels = labelScratch.length ? labelScratch.slice() : this.lazyExpressions ? NO_LABELS : [];
    const openBraceStart = this.pos;
    if (!this.enter()) {
      this.tooDeep(openBraceStart);
      const body: Body = {
        kind: "Body",
        attributes: [],
        blocks: [],
        items: [],
        start: openBraceStart + 1,
        end: openBraceStart + 1,
      };
      return plainBlock(type, labels, body, start, typeEnd, openBraceStart, { start: this.pos, end: this.pos });
    }
    this.pos++;
    this.skipTrivia(false);
    const afterBrace = this.peek();
    const body =
      this.pos < this.limit && !isNewline(afterBrace) && afterBrace !== Char.CloseBrace
        ? this.parseOneLineBody(type)
        : this.parseBody(true);
    this.leave();
    if (this.peek() !== Char.CloseBrace) {
      this.error(
        openBraceStart,
        openBraceStart + 1,
        "Unclosed configuration block",
        `There is no closing brace for the "${type}" block opened here; expected "}" before ${this.found()}.`,
      );
      this.itemHasError = true;
      return plainBlock(type, labels, body, start, typeEnd, openBraceStart, { start: this.pos, end: this.pos });
    }
    const closeBraceStart = this.pos;
    this.pos++;
    this.expectItemEnd("block definition");
    if (this.lazyExpressions) return compactBlock(type, labels, body, start, openBraceStart, closeBraceStart);
    return plainBlock(type, labels, body, start, typeEnd, openBraceStart, {
      start: closeBraceStart,
      end: closeBraceStart + 1,
    });
  }

  /**
   * `name { attr = value }`: one attribute (or nothing) on the line of the braces. On an error,
   * HashiCorp's parser skips to the block's closing brace; so do we, for the same diagnostics.
   */
  private parseOneLineBody(type: string): Body {
    const start = this.pos;
    const body: Body = { kind: "Body", attributes: [], blocks: [], items: [], start, end: start };
    const nameStart = this.pos;
    if (identifierStartWidth(this.text, this.pos) === 0) {
      this.error(
        this.pos,
        this.pos + 1,
        "Invalid single-argument block definition",
        `Expected an argument definition or "}" in the one-line "${type}" block, but found ${this.found()}.`,
      );
      this.skipToLineEndOrClose(false);
      body.end = this.pos;
      return body;
    }
    const name = this.readIdentifier();
    const nameEnd = this.pos;
    this.skipTrivia(false);
    if (this.peek() !== Char.Equals || this.text.charCodeAt(this.pos + 1) === Char.Equals) {
      this.skipToLineEndOrClose(false);
      // HashiCorp reports the nested block's type and the brace that follows it.
      this.error(
        nameStart,
        Math.min(this.pos, nameStart + name.length + 2),
        "Invalid single-argument block definition",
        `A one-line block cannot contain another block ("${name}"); put nested blocks on their own lines.`,
      );
      body.end = this.pos;
      return body;
    }
    this.pos++;
    const firstComment = this.comments.length;
    const expression = this.parseExpression();
    const attribute: Attribute = {
      kind: "Attribute",
      name,
      nameSpan: { start: nameStart, end: nameEnd },
      expression,
      start: nameStart,
      end: expression.end,
    };
    body.attributes.push(attribute);
    body.items.push(attribute);
    this.skipTrivia(false);
    const code = this.peek();
    // At the end of the file, the unclosed block is the error to report.
    if (code !== Char.CloseBrace && this.pos < this.limit) {
      if (!this.itemHasError) {
        // A line comment ends the line in HashiCorp's scanner, so the error is reported there.
        let lineEnd = this.pos;
        for (let index = firstComment; index < this.comments.length; index++) {
          if (this.comments[index].start >= expression.end) {
            lineEnd = this.comments[index].start;
            break;
          }
        }
        if (code === Char.Comma)
          this.error(
            this.pos,
            this.pos + 1,
            "Invalid single-argument block definition",
            "Only one argument is allowed in a one-line block; put each argument on its own line.",
          );
        else if (isNewline(code))
          this.error(
            lineEnd,
            this.pos + 1,
            "Invalid single-argument block definition",
            `The closing brace of the one-line "${type}" block must be on the same line as its argument.`,
          );
        else
          this.error(
            this.pos,
            this.pos + 1,
            "Invalid single-argument block definition",
            `Expected "}" to close the one-line "${type}" block, but found ${this.found()}.`,
          );
      }
      this.itemHasError = true;
      this.skipToLineEndOrClose(false);
    }
    body.end = this.pos;
    return body;
  }

  /** A label is a quoted string without interpolations or directives. */
  private parseQuotedLabel(): BlockLabel | undefined {
    const start = this.pos;
    const text = this.text;
    // Most labels are plain text: read in one scan, as TemplateParser.parseQuotedString does. Types
    // and names repeat across an estate, so ASCII ones are shared strings, as identifiers are.
    let ascii = true;
    let hash = text.charCodeAt(start + 1);
    for (let pos = start + 1; pos < this.limit; pos++) {
      const code = text.charCodeAt(pos);
      if (code === Char.Quote) {
        this.pos = pos + 1;
        const value = ascii ? this.sharedSlice(start + 1, pos, hash) : text.slice(start + 1, pos).normalize("NFC");
        return { value, quoted: true, start, end: this.pos };
      }
      if (code === Char.Backslash || code === Char.LineFeed || code === Char.CarriageReturn) break;
      if ((code === Char.Dollar || code === Char.Percent) && text.charCodeAt(pos + 1) === Char.OpenBrace) break;
      if (code > 127) ascii = false;
      if (pos > start + 1) hash = (Math.imul(hash, 31) + code) | 0;
    }
    const template: TemplateExpression = this.parseQuotedTemplate();
    let value = "";
    for (const part of template.parts) {
      if (part.kind !== "TemplateLiteral") {
        if (!this.itemHasError)
          this.error(
            part.start,
            part.start + 2,
            "Invalid block label",
            'Template sequences are not allowed in a block label; to include a literal "$" or "%", double it ("$${" or "%%{").',
          );
        this.itemHasError = true;
        return undefined;
      }
      value += part.value;
    }
    if (this.itemHasError) return undefined;
    return { value, quoted: true, start, end: this.pos };
  }

  /** After an attribute or a block: a newline (a comment before it is fine) or the end of the file. */
  private expectItemEnd(what: string): void {
    this.skipTrivia(false);
    if (this.pos >= this.limit || isNewline(this.text.charCodeAt(this.pos))) return;
    if (!this.itemHasError)
      this.error(
        this.pos,
        this.pos + 1,
        `Missing newline after ${what}`,
        `Expected a newline after the ${what}, but found ${this.found()}.`,
      );
    this.itemHasError = true;
    this.skipToLineEndOrClose(true);
  }
}

/**
 * Parses an attribute's expression again when it is read (see packed-attributes.ts): rules read
 * hundreds of thousands, and a parser made for each (with its lists) was a fifth of what the rules
 * phase allocated. One parser is restarted for each instead (parses never nest).
 */
const reparser = new HclParser(new SourceFile("", ""), "", 0, 0);
useExpressionParser((file, start) => reparser.parseExpressionAgain(file, start));

/** Attributes and blocks, each in source order, merged into one list in source order. */
function inSourceOrder(attributes: Attribute[], blocks: Block[]): (Attribute | Block)[] {
  const items: (Attribute | Block)[] = new Array<Attribute | Block>(attributes.length + blocks.length);
  let attribute = 0;
  let block = 0;
  for (let index = 0; index < items.length; index++)
    items[index] =
      block >= blocks.length || (attribute < attributes.length && attributes[attribute].start < blocks[block].start)
        ? attributes[attribute++]
        : blocks[block++];
  return items;
}

/** A block as a plain tree node; an unclosed block's `closeBrace` is empty, where it stops. */
function plainBlock(
  type: string,
  labels: BlockLabel[],
  body: Body,
  start: number,
  typeEnd: number,
  openBraceStart: number,
  closeBrace: Span,
): Block {
  return {
    kind: "Block",
    type,
    typeSpan: { start, end: typeEnd },
    labels,
    body,
    openBrace: { start: openBraceStart, end: openBraceStart + 1 },
    closeBrace,
    start,
    end: closeBrace.end,
  };
}
