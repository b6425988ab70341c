/**
 * The attributes of a compact tree (`parseHcl(file, { lazyExpressions: true })`), packed: a file
 * keeps four numbers per attribute in one typed array, and a body names its run in it. A scan
 * reads a quarter of an estate's attributes, and an object per attribute (with a slot in its
 * body's list, and the list) was a fifth of the heap. An attribute is made as an object (a view)
 * when read, and stays made, so each is one object however it is reached.
 */
import type { Attribute, Block, Body, Expression, Span } from "./ast.js";
import type { SourceFile } from "../../source/source-file.js";

/** Attribute names by id: one string each, shared by every file. */
const NAMES: string[] = [];
const NAME_IDS = new Map<string, number>();

/** The id of an attribute name, given one if new. */
export function attributeNameId(name: string): number {
  let id = NAME_IDS.get(name);
  if (id === undefined) {
    // A copy, so a name sliced from a file's text does not keep the text. Not interned (which made
    // it the same string as a rule's literal name): a scan meets tens of thousands of names, most of
    // them once (locals, outputs), and interning each cost more than all the comparisons it saves.
    const copy = (name + " ").slice(0, -1);
    id = NAMES.length;
    NAMES.push(copy);
    NAME_IDS.set(copy, id);
  }
  return id;
}

export function attributeNameOfId(id: number): string {
  return NAMES[id];
}

/**
 * How an entry's attribute is read: parsed again at each read (a resource's arguments, read once
 * through the model), parsed once and kept (declarations, read for every module instance), or
 * kept whole as the parser made it (an expression with an error: parsing it again could not give
 * the same recovery).
 */
export const enum AttributeForm {
  ReadOnce = 0,
  Kept = 1,
  Plain = 2,
}

/** Numbers per entry: name id and form (`id << 2 | form`), start, expression start, end. */
export const ENTRY_SIZE = 4;

/** A file's attributes, in the order their bodies ended (a body's own are consecutive). */
export interface AttributeTable {
  readonly source: SourceFile;
  entries: Int32Array;
  /** Attributes made so far, by index (made on the first view; plain ones from the start). */
  views: (Attribute | undefined)[] | undefined;
  /** Some body sets an argument twice (the parser reported it): only then is a body's run searched for one. */
  duplicates: boolean;
}

const NO_ENTRIES = new Int32Array(0);

export function attributeTable(source: SourceFile): AttributeTable {
  return { source, entries: NO_ENTRIES, views: undefined, duplicates: false };
}

/** A body over a run of a table (see compact-nodes.ts). */
export interface PackedRun {
  attributeTable: AttributeTable;
  firstAttribute: number;
  attributeCount: number;
}

function runOf(body: Body): PackedRun | undefined {
  const run = body as Partial<PackedRun> as PackedRun;
  return run.attributeTable === undefined ? undefined : run;
}

/**
 * The file a compact block or a packed attribute was parsed from (each reaches its file's table);
 * undefined for nodes of plain trees, which do not know it.
 */
export function fileOfSyntax(node: Block | Attribute): SourceFile | undefined {
  const run = node as Partial<PackedRun>;
  if (run.attributeTable !== undefined) return run.attributeTable.source;
  return (node as Partial<ViewFields>).table?.source;
}

/** Parses a body's expression starting at `start`: set by the parser, which this module cannot import (a cycle). */
let parseExpressionAt: (file: SourceFile, start: number) => Expression = () => {
  throw new Error("packed-attributes: no expression parser registered");
};

export function useExpressionParser(parse: (file: SourceFile, start: number) => Expression): void {
  parseExpressionAt = parse;
}

interface ViewFields {
  table: AttributeTable;
  /** The entry's first number in `table.entries`. */
  at: number;
  /** The tree, kept from the second read; null after the first (see KEPT_VIEW). */
  parsed: Expression | null | undefined;
}

/*
 * Views are object literals over a prototype (see compact-nodes.ts). A body's expression depends
 * only on where it starts (newlines end it, the nesting is its own), so parsing again from there
 * gives the same tree.
 */

/** An attribute whose tree is parsed again at each read: arguments read once, whose trees would only take memory. */
const READ_ONCE_VIEW = {
  get kind(): "Attribute" {
    return "Attribute";
  },
  get name(): string {
    const view = this as unknown as ViewFields;
    return NAMES[view.table.entries[view.at] >> 2];
  },
  get start(): number {
    const view = this as unknown as ViewFields;
    return view.table.entries[view.at + 1];
  },
  get expressionStart(): number {
    const view = this as unknown as ViewFields;
    return view.table.entries[view.at + 2];
  },
  get end(): number {
    const view = this as unknown as ViewFields;
    return view.table.entries[view.at + 3];
  },
  /** The name is an identifier read from the text, so it spans exactly its length. */
  get nameSpan(): Span {
    const view = this as unknown as ViewFields;
    const start = view.table.entries[view.at + 1];
    return { start, end: start + NAMES[view.table.entries[view.at] >> 2].length };
  },
  get expression(): Expression {
    const view = this as unknown as ViewFields;
    return parseExpressionAt(view.table.source, view.table.entries[view.at + 2]);
  },
};

/** What `writtenLiteral` answers for an expression that is not a plain literal. */
export const NOT_LITERAL: unique symbol = Symbol("not a plain literal");

/**
 * The value of a packed attribute written as a plain literal, read from its text without parsing
 * it: digits, `true`, `false`, `null`, or a quoted ASCII string without escapes, interpolations or
 * directives (`"HTTPS"`), whose value is its text. NOT_LITERAL for anything else, and for
 * attributes that are not views of a table. Most arguments rules read are such literals, and
 * parsing and evaluating each was a tenth of the time rules took on the generated bench corpus.
 */
export function writtenLiteral(attribute: Attribute): string | number | boolean | null | typeof NOT_LITERAL {
  const view = attribute as unknown as Partial<ViewFields>;
  const table = view.table;
  if (table === undefined || view.at === undefined) return NOT_LITERAL;
  const text = table.source.text;
  const start = table.entries[view.at + 2];
  const end = table.entries[view.at + 3];
  const first = text.charCodeAt(start);
  if (first === 0x22) {
    if (end - start < 2 || text.charCodeAt(end - 1) !== 0x22) return NOT_LITERAL;
    for (let at = start + 1; at < end - 1; at++) {
      const code = text.charCodeAt(at);
      // A quote, backslash, `$` or `%` may be an escape, an interpolation or a directive; beyond ASCII, NFC applies.
      if (code === 0x22 || code === 0x5c || code === 0x24 || code === 0x25 || code < 0x20 || code > 0x7e)
        return NOT_LITERAL;
    }
    return text.slice(start + 1, end - 1);
  }
  if (first >= 0x30 && first <= 0x39) {
    if (end - start > 15) return NOT_LITERAL;
    for (let at = start + 1; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code < 0x30 || code > 0x39) return NOT_LITERAL;
    }
    return Number(text.slice(start, end));
  }
  const length = end - start;
  if (length === 4 && text.startsWith("true", start)) return true;
  if (length === 5 && text.startsWith("false", start)) return false;
  if (length === 4 && text.startsWith("null", start)) return null;
  return NOT_LITERAL;
}

/**
 * Keeps the tree from its second read: a declaration read by one module instance (most are) keeps
 * no tree, one read by many parses once more than if it had kept the first.
 */
const KEPT_VIEW = {
  __proto__: READ_ONCE_VIEW,
  get expression(): Expression {
    const view = this as unknown as ViewFields;
    const parsed = view.parsed;
    if (parsed) return parsed;
    const expression = parseExpressionAt(view.table.source, view.table.entries[view.at + 2]);
    view.parsed = parsed === undefined ? null : expression;
    return expression;
  },
};

function attributeOfTable(table: AttributeTable, index: number): Attribute {
  let views = table.views;
  if (views === undefined)
    views = table.views = new Array<Attribute | undefined>(table.entries.length / ENTRY_SIZE).fill(undefined);
  let view = views[index];
  if (view === undefined) {
    const at = index * ENTRY_SIZE;
    view = ((table.entries[at] & 3) === AttributeForm.Kept
      ? { __proto__: KEPT_VIEW, table, at, parsed: undefined }
      : // Never keeps a tree: no `parsed` field.
        { __proto__: READ_ONCE_VIEW, table, at }) as unknown as Attribute;
    views[index] = view;
  }
  return view;
}

/** A compact body's attributes as a new list (of the same attribute objects each time). */
export function packedAttributes(run: PackedRun): Attribute[] {
  const attributes = new Array<Attribute>(run.attributeCount);
  for (let index = 0; index < attributes.length; index++)
    attributes[index] = attributeOfTable(run.attributeTable, run.firstAttribute + index);
  return attributes;
}

/*
 * Reads of a body's attributes by index or name, for any body: on a compact one they read the
 * packed names and make only the attributes asked for (reading `body.attributes` makes them all).
 */

export function attributeCountOf(body: Body): number {
  const run = runOf(body);
  return run === undefined ? body.attributes.length : run.attributeCount;
}

export function attributeAt(body: Body, index: number): Attribute {
  const run = runOf(body);
  return run === undefined ? body.attributes[index] : attributeOfTable(run.attributeTable, run.firstAttribute + index);
}

export function attributeNameAt(body: Body, index: number): string {
  const run = runOf(body);
  if (run === undefined) return body.attributes[index].name;
  return NAMES[run.attributeTable.entries[(run.firstAttribute + index) * ENTRY_SIZE] >> 2];
}

/** The index of the first attribute named `name` (as `findIndex`), or -1. */
export function attributeIndexOf(body: Body, name: string): number {
  const run = runOf(body);
  if (run === undefined) return body.attributes.findIndex((attribute) => attribute.name === name);
  const id = NAME_IDS.get(name);
  if (id === undefined) return -1;
  const entries = run.attributeTable.entries;
  const first = run.firstAttribute * ENTRY_SIZE;
  const end = first + run.attributeCount * ENTRY_SIZE;
  for (let at = first; at < end; at += ENTRY_SIZE) if (entries[at] >> 2 === id) return (at - first) / ENTRY_SIZE;
  return -1;
}

/** The first attribute named `name` (as `find`). */
export function attributeNamed(body: Body, name: string): Attribute | undefined {
  const index = attributeIndexOf(body, name);
  return index < 0 ? undefined : attributeAt(body, index);
}

/** The last attribute named `name` (the one a map of them would hold). */
export function lastAttributeNamed(body: Body, name: string): Attribute | undefined {
  let found: Attribute | undefined;
  for (let index = attributeIndexOf(body, name); index >= 0; index = nextIndexOf(body, name, index + 1))
    found = attributeAt(body, index);
  return found;
}

function nextIndexOf(body: Body, name: string, from: number): number {
  const count = attributeCountOf(body);
  for (let index = from; index < count; index++) if (attributeNameAt(body, index) === name) return index;
  return -1;
}

export function hasAttributeNamed(body: Body, name: string): boolean {
  return attributeIndexOf(body, name) >= 0;
}

/** Bodies with more attributes than this look for a repeated name with a set instead of a scan. */
export const LINEAR_DUPLICATE_SCAN = 16;

/** True when an argument is set twice (a parse error already reported). */
export function hasDuplicateAttributeNames(body: Body): boolean {
  const run = runOf(body);
  if (run === undefined) {
    const attributes = body.attributes;
    if (attributes.length > LINEAR_DUPLICATE_SCAN)
      return new Set(attributes.map((attribute) => attribute.name)).size !== attributes.length;
    for (let index = 1; index < attributes.length; index++) {
      const name = attributes[index].name;
      for (let before = 0; before < index; before++) if (attributes[before].name === name) return true;
    }
    return false;
  }
  const count = run.attributeCount;
  if (count < 2 || !run.attributeTable.duplicates) return false;
  const entries = run.attributeTable.entries;
  const first = run.firstAttribute * ENTRY_SIZE;
  const end = first + count * ENTRY_SIZE;
  if (count > LINEAR_DUPLICATE_SCAN) {
    const ids = new Set<number>();
    for (let at = first; at < end; at += ENTRY_SIZE) ids.add(entries[at] >> 2);
    return ids.size !== count;
  }
  for (let at = first + ENTRY_SIZE; at < end; at += ENTRY_SIZE) {
    const id = entries[at] >> 2;
    for (let before = first; before < at; before += ENTRY_SIZE) if (entries[before] >> 2 === id) return true;
  }
  return false;
}
