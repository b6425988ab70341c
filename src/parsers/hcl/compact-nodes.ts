/**
 * The compact syntax nodes the module loader keeps (`parseHcl(file, { lazyExpressions: true })`):
 * bodies and blocks without span objects or empty lists, whose attributes are packed in their
 * file's table (packed-attributes.ts) and their expressions parsed again when read. A scan reads
 * a small part of a large estate's expressions, and keeping every tree was most of its memory and
 * of the collector's work.
 */
import type { Attribute, Block, BlockLabel, Body, Span } from "./ast.js";
import { packedAttributes, type AttributeTable, type PackedRun } from "./packed-attributes.js";

/** Shared by the compact bodies with no blocks (never added to). */
const NO_BLOCKS: Block[] = Object.freeze([]) as unknown as Block[];

/*
 * Compact nodes are object literals over a shared prototype, whose getters make what a node does
 * not keep (spans, bodies, lists of labels) when asked for.
 */

/**
 * A body's or block's nested blocks: a list, or the block itself when there is one (most bodies
 * that have blocks have one: a list per body was as much memory as a body), made into a list when
 * asked for.
 */
type NestedBlocks = Block | Block[];

function nestedList(nested: NestedBlocks): Block[] {
  return Array.isArray(nested) ? nested : [nested];
}

/** Nested blocks as kept: `blocks` as given (a list of exactly its length), or its one block. */
function nestedOf(blocks: Block[]): NestedBlocks {
  return blocks.length === 0 ? NO_BLOCKS : blocks.length === 1 ? blocks[0] : blocks;
}

/**
 * A body kept compactly: its attributes are a run of its file's table, made into a list when
 * asked for (the reads a scan makes often go to the table: see packed-attributes.ts), an empty
 * list of blocks is shared, a single block kept alone (`NestedBlocks`), and the items in source order are merged from the attributes and
 * blocks when asked for (nothing in a scan asks; they are for tools on the tree).
 */
const COMPACT_BODY = {
  get kind(): "Body" {
    return "Body";
  },
  get attributes(): Attribute[] {
    return packedAttributes(this as unknown as PackedRun);
  },
  get blocks(): Block[] {
    return nestedList((this as unknown as { nested: NestedBlocks }).nested);
  },
  get items(): (Attribute | Block)[] {
    const body = this as unknown as Body;
    return [...body.attributes, ...body.blocks].sort((a, b) => a.start - b.start);
  },
};

/** The list of blocks is kept as given (unless it has one block): pass a list of exactly its length. */
export function compactBody(
  attributeTable: AttributeTable,
  firstAttribute: number,
  attributeCount: number,
  blocks: Block[],
  start: number,
  end: number,
): Body {
  return {
    __proto__: COMPACT_BODY,
    attributeTable,
    firstAttribute,
    attributeCount,
    nested: nestedOf(blocks),
    start,
    end,
  } as unknown as Body;
}

/**
 * A well-formed block kept compactly: the spans of its type and braces follow from their offsets
 * (a type is an identifier, each brace one character), so they are made only when asked for. Its
 * body's fields are the block's own (`bodyStart`; the body ends at the closing brace) and the body
 * is made again at each read: a body object per block was a fifth of the syntax a scan keeps, and
 * most bodies are read once or never. Nothing keys on a body's identity (evaluation keys on the
 * block and on attributes, which stay one object each).
 */
interface CompactBlockFields extends PackedRun {
  type: string;
  start: number;
  openBraceStart: number;
  closeBraceStart: number;
  nested: NestedBlocks;
  bodyStart: number;
}

const COMPACT_BLOCK = {
  get kind(): "Block" {
    return "Block";
  },
  get end(): number {
    return (this as unknown as CompactBlockFields).closeBraceStart + 1;
  },
  get body(): Body {
    const block = this as unknown as CompactBlockFields;
    return {
      __proto__: COMPACT_BODY,
      attributeTable: block.attributeTable,
      firstAttribute: block.firstAttribute,
      attributeCount: block.attributeCount,
      nested: block.nested,
      start: block.bodyStart,
      end: block.closeBraceStart,
    } as unknown as Body;
  },
  /** Its body's nested blocks, for a reader that keeps the block as its body (`bodyToKeep`). */
  get blocks(): Block[] {
    return nestedList((this as unknown as CompactBlockFields).nested);
  },
  /** Its body's attributes, for a reader that keeps the block as its body (`bodyToKeep`). */
  get attributes(): Attribute[] {
    return packedAttributes(this as unknown as PackedRun);
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

/** Shared by the blocks without labels (never added to). */
const NO_LABELS: BlockLabel[] = Object.freeze([]) as unknown as BlockLabel[];

const UNLABELLED_BLOCK = {
  __proto__: COMPACT_BLOCK,
  get labels(): BlockLabel[] {
    return NO_LABELS;
  },
};

/**
 * A block with one or two labels that span exactly their text (a bare word, or quotes around
 * text without escapes): most blocks that have labels. Each label is kept as its value and
 * `start * 2 + quoted`, and the list of labels is made when asked for: a list and an object per
 * label were as much memory as the blocks themselves.
 */
interface LabelledBlockFields {
  firstLabel: string;
  firstLabelAt: number;
  secondLabel: string | undefined;
  secondLabelAt: number;
}

function labelAt(value: string, at: number): BlockLabel {
  const quoted = (at & 1) === 1;
  const start = at >>> 1;
  return { value, quoted, start, end: start + value.length + (quoted ? 2 : 0) };
}

const LABELLED_BLOCK = {
  __proto__: COMPACT_BLOCK,
  get labels(): BlockLabel[] {
    const block = this as unknown as LabelledBlockFields;
    const first = labelAt(block.firstLabel, block.firstLabelAt);
    return block.secondLabel === undefined ? [first] : [first, labelAt(block.secondLabel, block.secondLabelAt)];
  },
};

/** How many labels a block has, without making its list of labels (see LABELLED_BLOCK). */
export function labelCount(block: Block): number {
  const fields = block as unknown as Partial<LabelledBlockFields>;
  if (fields.firstLabel === undefined) return block.labels.length;
  return fields.secondLabel === undefined ? 1 : 2;
}

/** A block's label value at `index`, without making its list of labels: read for every block of every module instance. */
export function labelValue(block: Block, index: number): string | undefined {
  const fields = block as unknown as Partial<LabelledBlockFields>;
  if (fields.firstLabel === undefined) return block.labels[index]?.value;
  return index === 0 ? fields.firstLabel : index === 1 ? fields.secondLabel : undefined;
}

/** Other blocks keep their labels as given. */
const LISTED_LABELS_BLOCK = { __proto__: COMPACT_BLOCK };

function spansItsText(label: BlockLabel): boolean {
  return label.end === label.start + label.value.length + (label.quoted ? 2 : 0);
}

/**
 * What a reader of a block's attributes (through packed-attributes.ts) and nested blocks
 * (`blocks`) keeps as its body: a compact block itself, which has the fields those reads use, so a
 * kept reader (a model node's content) keeps no second object; else the block's body.
 */
export function bodyToKeep(block: Block): Body {
  return (block as Partial<PackedRun> as PackedRun).attributeTable === undefined
    ? block.body
    : (block as unknown as Body);
}

/** A block whose body is not compact (a one-line block's) keeps it as given. */
const PLAIN_BODY_BLOCK = { __proto__: COMPACT_BLOCK };

/**
 * `labels` is read, not kept, when the block can keep them as fields (so a scratch list can be
 * passed); a compact `body` (from `compactBody`) is read, not kept, and must end at the closing brace.
 */
export function compactBlock(
  type: string,
  labels: readonly BlockLabel[],
  body: Body,
  start: number,
  openBraceStart: number,
  closeBraceStart: number,
): Block {
  const run = body as Partial<PackedRun> as PackedRun;
  if (run.attributeTable === undefined || body.end !== closeBraceStart)
    return {
      __proto__: PLAIN_BODY_BLOCK,
      type,
      labels: labels.length ? labels.slice() : NO_LABELS,
      body,
      start,
      openBraceStart,
      closeBraceStart,
    } as unknown as Block;
  const { attributeTable, firstAttribute, attributeCount } = run;
  const nested = (body as unknown as { nested: NestedBlocks }).nested;
  const bodyStart = body.start;
  if (labels.length === 0)
    return {
      __proto__: UNLABELLED_BLOCK,
      type,
      start,
      openBraceStart,
      closeBraceStart,
      attributeTable,
      firstAttribute,
      attributeCount,
      nested,
      bodyStart,
    } as unknown as Block;
  if (labels.length <= 2 && labels.every(spansItsText)) {
    const first = labels[0];
    const second = labels.length === 2 ? labels[1] : undefined;
    return {
      __proto__: LABELLED_BLOCK,
      type,
      start,
      openBraceStart,
      closeBraceStart,
      attributeTable,
      firstAttribute,
      attributeCount,
      nested,
      bodyStart,
      firstLabel: first.value,
      firstLabelAt: first.start * 2 + (first.quoted ? 1 : 0),
      secondLabel: second?.value,
      secondLabelAt: second === undefined ? 0 : second.start * 2 + (second.quoted ? 1 : 0),
    } as unknown as Block;
  }
  return {
    __proto__: LISTED_LABELS_BLOCK,
    type,
    labels: labels.slice(),
    start,
    openBraceStart,
    closeBraceStart,
    attributeTable,
    firstAttribute,
    attributeCount,
    nested,
    bodyStart,
  } as unknown as Block;
}
