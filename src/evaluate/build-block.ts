/**
 * Builds model blocks from HCL syntax, evaluating each attribute through the module evaluator and
 * expanding `dynamic` blocks into the nested blocks they generate.
 */
import {
  literalText,
  visitExpressions,
  type Attribute,
  type Block,
  type Body,
  type Expression,
  type Span,
} from "../parsers/hcl/ast.js";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import type { Frame } from "./expression.js";
import { bind, iterate } from "./expression.js";
import {
  BlockNode,
  EVALUATED_RESOURCE,
  ownPartsPrototype,
  type InputKind,
  type ResourceMode,
  type ResourceNode,
  type AttributeNode,
  type BlockContent,
  type BlockParts,
  type BlockSpans,
  type NamedBlock,
  type TraceStep,
  type ValuePath,
} from "../model/nodes.js";
import { isUnknown, type Existence, type ModuleInstance, type Value } from "../model/value.js";
import { flat } from "../source/flat-string.js";
import { readonlyMapOf } from "./small-map.js";
import { exactly } from "../parsers/hcl/scanner.js";
import { bodyToKeep } from "../parsers/hcl/compact-nodes.js";
import {
  attributeAt,
  attributeCountOf,
  attributeIndexOf,
  attributeNameAt,
  attributeNamed,
  hasDuplicateAttributeNames,
  NOT_LITERAL,
  writtenLiteral,
} from "../parsers/hcl/packed-attributes.js";

/** The result of evaluating one expression: its value and where it came from. */
export interface Evaluated {
  readonly value: Value;
  readonly trace: readonly TraceStep[];
  /** True when the value rests on a variable's default that could be overridden. */
  usesDefault: boolean;
}

/** What the builder needs from the evaluator of the module the file belongs to. */
export interface BlockEvaluation {
  readonly file: SourceFile;
  evaluate(expression: Expression, frame?: Frame): Evaluated;
  /** True when an evaluation read nothing that leaves a trace step (its trace is empty). */
  tracesNothing(evaluated: Evaluated): boolean;
}

/** Dynamic blocks generating more than this many blocks are left unexpanded (pathological input). */
const MAX_DYNAMIC_BLOCKS = 10_000;

/** Shared by the many blocks without labels or nested blocks (model lists are never added to). */
const NO_LABELS: readonly string[] = Object.freeze([]);
const NO_BLOCKS: readonly BlockNode[] = Object.freeze([]);

export function buildBlock(block: Block, evaluation: BlockEvaluation, frame?: Frame): BlockNode {
  const node = {
    __proto__: HCL_BLOCK_NODE,
    type: block.type,
    labels: block.labels.length ? block.labels.map((label) => label.value) : NO_LABELS,
    kind: "block",
    content: undefined as unknown,
    spans: undefined as unknown,
    block,
    evaluation,
    frame,
  };
  node.content = node.spans = node;
  return node as unknown as BlockNode;
}

/**
 * A resource of an HCL block, as the evaluator makes one for each instance: the fields of
 * resourceNode's, and the block's parts as its own (see ownPartsPrototype).
 */
export function hclResourceNode(
  mode: ResourceMode,
  resourceType: string,
  name: string,
  module: ModuleInstance,
  input: InputKind,
  block: Block,
  evaluation: BlockEvaluation,
  frame: Frame | undefined,
  instanceKey: string | number | undefined,
  existence: Existence | undefined,
): ResourceNode {
  const node = {
    __proto__: HCL_RESOURCE_NODE,
    content: undefined as unknown,
    spans: undefined as unknown,
    mode,
    resourceType,
    name,
    module,
    input,
    instanceKey,
    extras: undefined,
    existence,
    keptBaseAddress: undefined,
    keptAddress: undefined,
    block,
    evaluation,
    frame,
  };
  node.content = node.spans = node;
  return node as unknown as ResourceNode;
}

/** How to build an HCL block's spans and content when first read (a resource node takes them as they are). */
export function blockParts(block: Block, evaluation: BlockEvaluation, frame: Frame | undefined): BlockParts {
  return { __proto__: HCL_BLOCK_PARTS, block, evaluation, frame } as unknown as BlockParts;
}

interface HclBlockParts {
  block: Block;
  evaluation: BlockEvaluation;
  frame: Frame | undefined;
}

/** Builds an HCL block's spans and content when first read (a literal over this prototype: see src/parsers/hcl/compact-nodes.ts). */
const HCL_BLOCK_PARTS = {
  buildSpans(): BlockSpans {
    const { block, evaluation } = this as unknown as HclBlockParts;
    const file = evaluation.file;
    return {
      range: rangeOf(file, block),
      headerRange: new SourceRange(
        file,
        block.typeSpan.start,
        block.labels.length ? block.labels[block.labels.length - 1].end : block.typeSpan.end,
      ),
    };
  },
  buildContent(): BlockContent {
    const { block, evaluation, frame } = this as unknown as HclBlockParts;
    return buildBody(bodyToKeep(block), evaluation, frame);
  },
};

const HCL_BLOCK_NODE = ownPartsPrototype(BlockNode.prototype, HCL_BLOCK_PARTS as unknown as BlockParts);
const HCL_RESOURCE_NODE = ownPartsPrototype(EVALUATED_RESOURCE, HCL_BLOCK_PARTS as unknown as BlockParts);

export function buildBody(body: Body, evaluation: BlockEvaluation, frame?: Frame): BlockContent {
  // Expanding a dynamic block evaluates its for_each: done now, as it always was, so notes and
  // diagnostics come in the same order. Other nested blocks are made when first read.
  const nested = body.blocks.some((block) => block.type === "dynamic" && block.labels.length === 1)
    ? nestedBlocks(body, evaluation, frame)
    : undefined;
  if (hasDuplicateAttributeNames(body)) {
    // The later one wins, as `Map.set` does.
    const syntax = body.attributes;
    const attributes = readonlyMapOf(
      syntax.map((attribute) => attribute.name),
      syntax.map((attribute) => buildAttribute(attribute, evaluation, frame)),
    );
    return { attributes, blocks: nested ?? nestedBlocks(body, evaluation, frame), unknownContent: body.unknownContent };
  }
  return {
    __proto__: HCL_CONTENT,
    nodes: undefined,
    evaluation,
    frame,
    body,
    nested,
    unknownContent: body.unknownContent,
  } as unknown as BlockContent;
}

function nestedBlocks(body: Body, evaluation: BlockEvaluation, frame: Frame | undefined): readonly BlockNode[] {
  const blocks: BlockNode[] = [];
  for (const block of body.blocks) {
    if (block.type === "dynamic" && block.labels.length === 1) blocks.push(...expandDynamic(block, evaluation, frame));
    else blocks.push(buildBlock(block, evaluation, frame));
  }
  return blocks.length ? exactly(blocks) : NO_BLOCKS;
}

/**
 * A block's attributes by name, read from its syntax: each attribute node is made when first
 * asked for (a rule reads a few attributes of a block, and most are never read), and no list of
 * names or nodes is made for the map: a compact body's names are read from its file's packed
 * table (see packed-attributes.ts), and an attribute never read is never made. Its attributes'
 * names differ (see hasDuplicateAttributeNames). The prototype of built contents (HCL_CONTENT),
 * literals as the attribute nodes are (see HCL_ATTRIBUTE).
 */
interface HclAttributeMapFields {
  body: Body;
  /** The attribute nodes made so far, by index (the list is made at the first). */
  nodes: (AttributeNode | undefined)[] | undefined;
  evaluation: BlockEvaluation;
  frame: Frame | undefined;
}

function attributeNodeAt(map: HclAttributeMapFields, index: number): AttributeNode {
  const nodes = (map.nodes ??= new Array<AttributeNode | undefined>(attributeCountOf(map.body)).fill(undefined));
  return (nodes[index] ??= buildAttribute(attributeAt(map.body, index), map.evaluation, map.frame));
}

const HCL_ATTRIBUTE_MAP = {
  get size(): number {
    return attributeCountOf((this as unknown as HclAttributeMapFields).body);
  },
  get(this: HclAttributeMapFields, name: string): AttributeNode | undefined {
    const index = attributeIndexOf(this.body, name);
    return index < 0 ? undefined : attributeNodeAt(this, index);
  },
  has(this: HclAttributeMapFields, name: string): boolean {
    return attributeIndexOf(this.body, name) >= 0;
  },
  forEach(
    this: HclAttributeMapFields,
    visit: (value: AttributeNode, key: string, map: ReadonlyMap<string, AttributeNode>) => void,
    thisArg?: unknown,
  ): void {
    const count = attributeCountOf(this.body);
    for (let index = 0; index < count; index++)
      visit.call(
        thisArg,
        attributeNodeAt(this, index),
        attributeNameAt(this.body, index),
        this as unknown as ReadonlyMap<string, AttributeNode>,
      );
  },
  *entries(this: HclAttributeMapFields): MapIterator<[string, AttributeNode]> {
    const count = attributeCountOf(this.body);
    for (let index = 0; index < count; index++) yield [attributeNameAt(this.body, index), attributeNodeAt(this, index)];
  },
  *keys(this: HclAttributeMapFields): MapIterator<string> {
    const count = attributeCountOf(this.body);
    for (let index = 0; index < count; index++) yield attributeNameAt(this.body, index);
  },
  *values(this: HclAttributeMapFields): MapIterator<AttributeNode> {
    const count = attributeCountOf(this.body);
    for (let index = 0; index < count; index++) yield attributeNodeAt(this, index);
  },
  [Symbol.iterator](this: HclAttributeMapFields): MapIterator<[string, AttributeNode]> {
    return HCL_ATTRIBUTE_MAP.entries.call(this);
  },
};

/**
 * A root output, module call or provider as the estate lists it: its block node is made when first
 * read (rules read a few of them), and a large estate declares tens of thousands.
 */
interface LazyNamedBlockFields {
  name: string;
  module: ModuleInstance;
  syntax: Block;
  evaluation: BlockEvaluation;
  node: BlockNode | undefined;
}

const LAZY_NAMED_BLOCK = {
  get block(): BlockNode {
    const named = this as unknown as LazyNamedBlockFields;
    return (named.node ??= buildBlock(named.syntax, named.evaluation));
  },
};

export function namedBlock(
  name: string,
  module: ModuleInstance,
  syntax: Block,
  evaluation: BlockEvaluation,
): NamedBlock {
  return { __proto__: LAZY_NAMED_BLOCK, name, module, syntax, evaluation, node: undefined } as unknown as NamedBlock;
}

/**
 * A built HCL block's content, which is also its attribute map (one object, not two, for every
 * block a rule reads); its nested blocks are made when first read.
 */
interface HclContentFields extends HclAttributeMapFields {
  nested: readonly BlockNode[] | undefined;
  unknownContent: string | undefined;
}

const HCL_CONTENT = {
  __proto__: HCL_ATTRIBUTE_MAP,
  get attributes(): ReadonlyMap<string, AttributeNode> {
    return this as unknown as ReadonlyMap<string, AttributeNode>;
  },
  get blocks(): readonly BlockNode[] {
    const content = this as unknown as HclContentFields;
    return (content.nested ??= nestedBlocks(content.body, content.evaluation, content.frame));
  },
};

export function buildAttribute(
  attribute: Attribute,
  evaluation: BlockEvaluation,
  frame?: Frame,
  evaluated?: Evaluated,
): AttributeNode {
  return { __proto__: HCL_ATTRIBUTE, syntax: attribute, evaluation, frame, evaluated } as unknown as AttributeNode;
}

/**
 * An attribute read from HCL. Its value is evaluated when a rule first reads it (most attributes
 * never are), and its ranges are made only when asked for. It holds what evaluating needs, not a
 * closure over it: there is one of these per attribute in the estate, so it is a literal over this
 * prototype holding just those fields.
 */
interface HclAttributeFields {
  syntax: Attribute;
  evaluation: BlockEvaluation;
  /** The frame to evaluate in; once evaluated, PLAIN or TRACED, saying what `evaluated` holds. */
  frame: Frame | undefined | typeof PLAIN | typeof TRACED;
  /** The value alone (PLAIN: no trace, definite), or the evaluation (TRACED); undefined until evaluated. */
  evaluated: Evaluated | Value | undefined;
}

/** Markers of an evaluated attribute (see HclAttributeFields.frame). */
const PLAIN: Frame = Object.freeze({ name: "", value: null, parent: undefined });
const TRACED: Frame = Object.freeze({ name: "", value: null, parent: undefined });

/**
 * Evaluates the attribute if not yet evaluated. Most values come from nothing that leaves a trace
 * (a literal, a resource reference) and are definite: for those the value alone is kept, not the
 * evaluation, which would live as long as the estate.
 */
function evaluateAttribute(attribute: HclAttributeFields): void {
  if (attribute.frame === PLAIN || attribute.frame === TRACED) return;
  if (attribute.evaluated === undefined) {
    // Timed with the phase that reads it (a rule's read counts as the rule's): a scan evaluates
    // hundreds of thousands of attributes this way, and switching the phase clock around each
    // (two clock reads) took ~80 ms of corpus-34's scan in a profile.
    // A plain literal is its own value, definite and traced to nothing: read without parsing it.
    const literal = writtenLiteral(attribute.syntax);
    if (literal !== NOT_LITERAL) {
      attribute.evaluated = typeof literal === "string" ? flat(literal) : literal;
      attribute.frame = PLAIN;
      return;
    }
    const evaluated = attribute.evaluation.evaluate(attribute.syntax.expression, attribute.frame);
    if (!evaluated.usesDefault && attribute.evaluation.tracesNothing(evaluated)) {
      // A string read from the source is a copy of its own ("HTTPS" in every listener): one is kept.
      attribute.evaluated = typeof evaluated.value === "string" ? flat(evaluated.value) : evaluated.value;
      attribute.frame = PLAIN;
      return;
    }
    attribute.evaluated = evaluated;
  }
  attribute.frame = TRACED;
}

function evaluatedAttribute(attribute: HclAttributeFields): Evaluated | undefined {
  evaluateAttribute(attribute);
  return attribute.frame === PLAIN ? undefined : (attribute.evaluated as Evaluated);
}

const HCL_ATTRIBUTE = {
  kind: "attribute",

  get value(): Value {
    const attribute = this as unknown as HclAttributeFields;
    evaluateAttribute(attribute);
    return attribute.frame === PLAIN ? (attribute.evaluated as Value) : (attribute.evaluated as Evaluated).value;
  },

  get trace(): readonly TraceStep[] | undefined {
    const trace = evaluatedAttribute(this as unknown as HclAttributeFields)?.trace;
    return trace?.length ? trace : undefined;
  },

  get certainty(): "definite" | "default" {
    return evaluatedAttribute(this as unknown as HclAttributeFields)?.usesDefault ? "default" : "definite";
  },

  get name(): string {
    return (this as unknown as HclAttributeFields).syntax.name;
  },

  writtenLiterally(this: HclAttributeFields): boolean {
    return isLiteral(this.syntax.expression);
  },

  attributeNamesRead(this: HclAttributeFields): ReadonlySet<string> {
    const names = new Set<string>();
    visitExpressions(this.syntax.expression, (node) => {
      if (node.kind === "GetAttr") names.add(node.name);
    });
    return names;
  },

  get range(): SourceRange {
    const { evaluation, syntax } = this as unknown as HclAttributeFields;
    return rangeOf(evaluation.file, syntax);
  },

  get nameRange(): SourceRange {
    const { evaluation, syntax } = this as unknown as HclAttributeFields;
    return rangeOf(evaluation.file, syntax.nameSpan);
  },

  get valueRange(): SourceRange {
    const { evaluation, syntax } = this as unknown as HclAttributeFields;
    const start = syntax.expressionStart;
    return start === undefined
      ? rangeOf(evaluation.file, syntax.expression)
      : new SourceRange(evaluation.file, start, syntax.end);
  },

  locate(this: HclAttributeFields, path: ValuePath): SourceRange | undefined {
    return locateInExpression(this.evaluation.file, this.syntax.expression, path);
  },
};

/**
 * `dynamic "ingress" { for_each = ..., content { ... } }` becomes one `ingress` block per element.
 * When the collection is unknown the `dynamic` block stays as it is, so rules see that blocks of
 * that type may exist and treat them as unknown.
 */
function expandDynamic(block: Block, evaluation: BlockEvaluation, frame?: Frame): BlockNode[] {
  const type = block.labels[0].value;
  const forEach = attributeNamed(block.body, "for_each");
  const content = block.body.blocks.find((inner) => inner.type === "content");
  const iteratorAttribute = attributeNamed(block.body, "iterator");
  const iteratorName = iteratorAttribute?.expression.kind === "Variable" ? iteratorAttribute.expression.name : type;
  if (!forEach || !content) return [buildBlock(block, evaluation, frame)];
  const collection = evaluation.evaluate(forEach.expression, frame).value;
  const entries = isUnknown(collection) ? undefined : iterate(collection);
  if (!entries || entries.length > MAX_DYNAMIC_BLOCKS) return [buildBlock(block, evaluation, frame)];
  return entries.map(([key, value]) => {
    const inner = bind(iteratorName, { key, value }, frame);
    return new BlockNode(
      type,
      [],
      () => ({ range: rangeOf(evaluation.file, content), headerRange: rangeOf(evaluation.file, block.labels[0]) }),
      () => buildBody(content.body, evaluation, inner),
    );
  });
}

function rangeOf(file: SourceFile, span: Span): SourceRange {
  return new SourceRange(span.file ?? file, span.start, span.end);
}

/**
 * The range of an element inside a literal tuple or object expression, looking through parentheses
 * and `jsonencode(...)` (a value that is JSON text, such as ECS container definitions, is located
 * in the HCL that encodes it).
 */
export function locateInExpression(file: SourceFile, expression: Expression, path: ValuePath): SourceRange | undefined {
  let current: Expression = expression;
  for (const step of path) {
    current = unwrapped(current);
    if (current.kind === "Tuple" && typeof step === "number") {
      const item = current.items[step];
      if (!item) return undefined;
      current = item;
    } else if (current.kind === "Object") {
      const item = current.items.find((candidate) => literalText(candidate.key) === String(step));
      if (!item) return undefined;
      current = item.value;
    } else {
      return undefined;
    }
  }
  return new SourceRange(current.file ?? file, current.start, current.end);
}

function unwrapped(expression: Expression): Expression {
  let current = expression;
  for (;;) {
    if (current.kind === "Parentheses") current = current.expression;
    else if (current.kind === "FunctionCall" && current.name === "jsonencode" && current.args.length === 1)
      current = current.args[0];
    else return current;
  }
}

/** Literals, plain templates, and tuples and objects of them: what the source says is the value. */
function isLiteral(expression: Expression): boolean {
  switch (expression.kind) {
    case "Literal":
      return true;
    case "Template":
      return expression.parts.every((part) => part.kind === "TemplateLiteral");
    case "Tuple":
      return expression.items.every(isLiteral);
    case "Object":
      return expression.items.every((item) => isLiteral(item.key) && isLiteral(item.value));
    case "Parentheses":
      return isLiteral(expression.expression);
    default:
      return false;
  }
}
