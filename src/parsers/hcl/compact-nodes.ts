/**
 * The compact syntax nodes the module loader keeps (`parseHcl(file, { lazyExpressions: true })`):
 * bodies and blocks without span objects or empty lists, and attributes kept as offsets whose
 * expressions are parsed again when read. A scan reads a small part of a large estate's
 * expressions, and keeping every tree was most of its memory and of the collector's work.
 */
import type { Attribute, Block, BlockLabel, Body, Expression, Span } from "./ast.js";
import type { SourceFile } from "../../source/source-file.js";

/** Shared by the compact bodies with no attributes or no blocks (never added to). */
const NO_ATTRIBUTES: Attribute[] = Object.freeze([]) as unknown as Attribute[];
const NO_BLOCKS: Block[] = Object.freeze([]) as unknown as Block[];

/*
 * Compact nodes are object literals over a shared prototype, not class instances: V8 allocates a
 * literal site whose objects survive straight into the old generation (pretenuring), so the nodes
 * a scan keeps are not copied by every young-generation collection on the way (a class instance
 * is, and that copying was most of the collector's time while loading).
 */

/**
 * A body kept compactly: empty lists are shared, and the items in source order are merged from
 * the attributes and blocks when asked for (nothing in a scan asks; they are for tools on the tree).
 */
const COMPACT_BODY = {
  get kind(): "Body" {
    return "Body";
  },
  get items(): (Attribute | Block)[] {
    const body = this as unknown as Body;
    return [...body.attributes, ...body.blocks].sort((a, b) => a.start - b.start);
  },
};

/** The lists are kept as given: pass lists of exactly their length. */
export function compactBody(attributes: Attribute[], blocks: Block[], start: number, end: number): Body {
  return {
    __proto__: COMPACT_BODY,
    attributes: attributes.length ? attributes : NO_ATTRIBUTES,
    blocks: blocks.length ? blocks : NO_BLOCKS,
    start,
    end,
  } as unknown as Body;
}

/**
 * A well-formed block kept compactly: the spans of its type and braces follow from their offsets
 * (a type is an identifier, each brace one character), so they are made only when asked for.
 */
interface CompactBlockFields {
  type: string;
  start: number;
  openBraceStart: number;
  closeBraceStart: number;
}

const COMPACT_BLOCK = {
  get kind(): "Block" {
    return "Block";
  },
  get end(): number {
    return (this as unknown as CompactBlockFields).closeBraceStart + 1;
  },
  get typeSpan(): Span {
    const block = this as unknown as CompactBlockFields;
    return { start: block.start, end: block.start + block.type.length };
  },
  get openBrace(): Span {
    const block = this as unknown as CompactBlockFields;
    return { start: block.openBraceStart, end: block.openBraceStart + 1 };
  },
  get closeBrace(): Span {
    const block = this as unknown as CompactBlockFields;
    return { start: block.closeBraceStart, end: block.closeBraceStart + 1 };
  },
};

export function compactBlock(
  type: string,
  labels: BlockLabel[],
  body: Body,
  start: number,
  openBraceStart: number,
  closeBraceStart: number,
): Block {
  return { __proto__: COMPACT_BLOCK, type, labels, body, start, openBraceStart, closeBraceStart } as unknown as Block;
}

/**
 * An attribute of a body whose expression parsed without error, kept as its offsets: a read
 * parses the expression again from where it starts, which gives the same tree (a body's
 * expression depends only on where it starts: newlines end it, the nesting is its own).
 */
interface LazyAttributeFields {
  source: SourceFile;
  name: string;
  start: number;
  end: number;
  expressionStart: number;
  /** The tree, kept from the second read; null after the first (see LAZY_ATTRIBUTE). */
  parsed: Expression | null | undefined;
}

/** Parses a body's expression starting at `start`: set by the parser, which this module cannot import (a cycle). */
let parseExpressionAt: (file: SourceFile, start: number) => Expression = () => {
  throw new Error("compact-nodes: no expression parser registered");
};

export function useExpressionParser(parse: (file: SourceFile, start: number) => Expression): void {
  parseExpressionAt = parse;
}

function parseAgain(attribute: LazyAttributeFields): Expression {
  return parseExpressionAt(attribute.source, attribute.expressionStart);
}

/**
 * Keeps the tree from its second read: a declaration read by one module instance (most are) keeps
 * no tree, one read by many parses once more than if it had kept the first.
 */
const LAZY_ATTRIBUTE = {
  get kind(): "Attribute" {
    return "Attribute";
  },
  /** The name is an identifier read from the text, so it spans exactly its length. */
  get nameSpan(): Span {
    const attribute = this as unknown as LazyAttributeFields;
    return { start: attribute.start, end: attribute.start + attribute.name.length };
  },
  get expression(): Expression {
    const attribute = this as unknown as LazyAttributeFields;
    const parsed = attribute.parsed;
    if (parsed) return parsed;
    if (parsed === undefined) {
      attribute.parsed = null;
      return parseAgain(attribute);
    }
    return (attribute.parsed = parseAgain(attribute));
  },
};

/** Parses again at each read: for arguments read once, whose trees would only take memory. */
const READ_ONCE_ATTRIBUTE = {
  __proto__: LAZY_ATTRIBUTE,
  get expression(): Expression {
    return parseAgain(this as unknown as LazyAttributeFields);
  },
};

export function lazyAttribute(
  source: SourceFile,
  name: string,
  start: number,
  expressionStart: number,
  end: number,
  keep: boolean,
): Attribute {
  return (keep
    ? { __proto__: LAZY_ATTRIBUTE, source, name, start, end, expressionStart, parsed: undefined }
    : // Never keeps a tree: no `parsed` field.
      { __proto__: READ_ONCE_ATTRIBUTE, source, name, start, end, expressionStart }) as unknown as Attribute;
}
