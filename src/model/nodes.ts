/**
 * The normalized picture of configuration that every input (HCL, Terraform JSON, plan JSON, CDKTF)
 * maps onto. Rules read these nodes and report them; the engine turns their ranges into positions.
 */
import type { SourceRange } from "../source/source-file.js";
import { flat } from "../source/flat-string.js";
import { Unknown, type Existence, type ModuleInstance, type Value } from "./value.js";

export type InputKind = "hcl" | "terraform-json" | "cdktf" | "plan" | "zone" | "cloudformation";

/** A step in a value trace: where a value came from. */
export interface TraceStep {
  range: SourceRange;
  message: string;
}

/** An attribute with its value and ranges replaced (a plan value at its .tf position, a CIDR seen as a list). */
export function withAttribute(
  base: AttributeNode,
  changes: Partial<Pick<AttributeNode, "value" | "range" | "nameRange" | "valueRange" | "trace" | "certainty">> & {
    locate?: (path: ValuePath) => SourceRange | undefined;
  },
): AttributeNode {
  return {
    kind: "attribute",
    name: base.name,
    range: changes.range ?? base.range,
    nameRange: changes.nameRange ?? base.nameRange,
    valueRange: changes.valueRange ?? base.valueRange,
    value: "value" in changes ? (changes.value as Value) : base.value,
    attributeNamesRead: base.attributeNamesRead && (() => base.attributeNamesRead!()),
    // A replaced value (a plan's, an ignored change) is no longer what the source text says.
    writtenLiterally: "value" in changes ? undefined : base.writtenLiterally && (() => base.writtenLiterally!()),
    trace: changes.trace ?? base.trace,
    certainty: changes.certainty ?? base.certainty,
    locate: changes.locate ?? ((path) => base.locate(path)),
  };
}

/** A path into a value: list indexes and object keys. */
export type ValuePath = readonly (string | number)[];

export interface AttributeNode {
  readonly kind: "attribute";
  readonly name: string;
  /** The whole `name = value` span. */
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  readonly valueRange: SourceRange;
  readonly value: Value;
  /**
   * The attribute names the value's expression reads from other objects (`module.vnet.dns_servers`
   * reads `dns_servers`), where the input had an expression (HCL, `${}` strings in JSON).
   */
  attributeNamesRead?(): ReadonlySet<string>;
  /** True when the value is written out as literals here (no references, calls or interpolation), so its source text is all it holds. */
  writtenLiterally?(): boolean;
  /** Where the value came from, when it was not written literally here. */
  readonly trace?: readonly TraceStep[];
  /** `definite` when known from code; `default` when it rests on a variable's default. */
  readonly certainty?: "definite" | "default";
  /** Range of an element inside the value (a list item, an object member), if the source shows one. */
  locate(path: ValuePath): SourceRange | undefined;
}

export interface BlockContent {
  attributes: ReadonlyMap<string, AttributeNode>;
  blocks: readonly BlockNode[];
  /** Set when the block has more attributes than could be read (a CDKTF spread of a runtime value): any attribute not listed is unknown. */
  unknownContent?: string;
}

/** The whole block, and the header (type and labels) that findings about the whole block point at. */
export interface BlockSpans {
  range: SourceRange;
  headerRange: SourceRange;
}

/**
 * How to build a block's spans and content when first read, as one object: a scan makes a block
 * node for every block of every module instance, and two closures and their context each cost
 * more than the node itself.
 */
export interface BlockParts {
  buildSpans(): BlockSpans;
  buildContent(): BlockContent;
}

/** What blocksOfType answers when no nested block is of the type (never added to). */
const NO_BLOCKS: readonly BlockNode[] = Object.freeze([]);

export class BlockNode implements BlockParts {
  readonly kind: "block" | "resource" = "block";
  private content: BlockContent | (() => BlockContent) | BlockParts;
  private spans: BlockSpans | (() => BlockSpans) | BlockParts;

  constructor(
    readonly type: string,
    readonly labels: readonly string[],
    /** The spans, or how to make them when first asked for. */
    ranges: BlockSpans | (() => BlockSpans) | BlockParts,
    /** Attributes and nested blocks, or how to build them when first read (most blocks never are). */
    content: BlockContent | (() => BlockContent) | BlockParts,
  ) {
    this.spans = ranges;
    this.content = content;
  }

  private built(): BlockContent {
    const content = this.content;
    if (typeof content === "function") this.content = content();
    else if ("buildContent" in content) this.content = content.buildContent();
    return this.content as BlockContent;
  }

  private located(): BlockSpans {
    const spans = this.spans;
    if (typeof spans === "function") this.spans = spans();
    else if ("buildSpans" in spans) this.spans = spans.buildSpans();
    return this.spans as BlockSpans;
  }

  buildSpans(): BlockSpans {
    return this.located();
  }

  buildContent(): BlockContent {
    return this.built();
  }

  get attributes(): ReadonlyMap<string, AttributeNode> {
    return this.built().attributes;
  }

  get blocks(): readonly BlockNode[] {
    return this.built().blocks;
  }

  get range(): SourceRange {
    return this.located().range;
  }

  get headerRange(): SourceRange {
    return this.located().headerRange;
  }

  /** Why some attributes could not be read, if so: rules see an absent attribute as unknown then. */
  get unknownContent(): string | undefined {
    return this.built().unknownContent;
  }

  attribute(name: string): AttributeNode | undefined {
    const attribute = this.attributes.get(name);
    if (attribute || !this.unknownContent) return attribute;
    const range = this.headerRange;
    return {
      kind: "attribute",
      name,
      range,
      nameRange: range,
      valueRange: range,
      value: new Unknown(this.unknownContent),
      locate: () => undefined,
    };
  }

  /** The attribute's value, or `undefined` when the attribute is absent. */
  value(name: string): Value | undefined {
    return this.attribute(name)?.value;
  }

  /**
   * The nested blocks of a type, in order. Rules ask this of every resource they look at (corpus-34:
   * 120k times, 73k finding none), so it is a loop that makes no closure, and makes no list when
   * none match. Callers only read the list.
   */
  blocksOfType(type: string): readonly BlockNode[] {
    const blocks = this.blocks;
    let found: BlockNode[] | undefined;
    for (let index = 0; index < blocks.length; index++)
      if (blocks[index].type === type) (found ??= []).push(blocks[index]);
    return found ?? NO_BLOCKS;
  }

  firstBlock(type: string): BlockNode | undefined {
    const blocks = this.blocks;
    for (let index = 0; index < blocks.length; index++) if (blocks[index].type === type) return blocks[index];
    return undefined;
  }
}

export type ResourceMode = "managed" | "data";

/** What few resources have (a plan's actions, a CDKTF construct path, other places it appears), kept apart. */
interface ResourceExtras {
  related?: SourceRange[];
  origins?: TraceStep[];
  planActions?: string[];
  identifiers?: string[];
  constructPath?: string;
  addressType?: string;
  existenceReason?: string;
}

/** What a resource without related ranges or origins reads: shared, so reading makes nothing. */
const NONE: readonly never[] = Object.freeze([]);

export class ResourceNode extends BlockNode {
  override readonly kind = "resource" as const;
  // Most resources have none of these: one field holds them, made when the first is set.
  private extras: ResourceExtras | undefined = undefined;

  /**
   * Other places the same resource appears (e.g. the synthesized JSON of a CDKTF construct). Reading
   * makes nothing (a finding reads it for every resource it reports); `addRelatedRange` adds one.
   */
  get relatedRanges(): readonly SourceRange[] {
    return this.extras?.related ?? NONE;
  }

  addRelatedRange(range: SourceRange): void {
    ((this.extras ??= {}).related ??= []).push(range);
  }

  /**
   * Places that decided or explain this resource, with why: the `new WebService(...)` that made a
   * CDKTF construct, the instantiation of an AWS CDK construct class. `addOrigins` adds to them.
   */
  get origins(): readonly TraceStep[] {
    return this.extras?.origins ?? NONE;
  }

  addOrigins(...steps: readonly TraceStep[]): void {
    if (steps.length) ((this.extras ??= {}).origins ??= []).push(...steps);
  }

  /** For resources read from a plan: the planned actions (`create`, `update`, ...). */
  get planActions(): string[] | undefined {
    return this.extras?.planActions;
  }

  set planActions(actions: string[] | undefined) {
    (this.extras ??= {}).planActions = actions;
  }

  /**
   * Known values that name this resource wherever they appear (a plan's or state's ARN of it): a
   * value elsewhere equal to one refers to it, as a reference would. `addIdentifier` adds one.
   */
  get identifiers(): readonly string[] {
    return this.extras?.identifiers ?? NONE;
  }

  addIdentifier(value: string): void {
    const identifiers = ((this.extras ??= {}).identifiers ??= []);
    if (!identifiers.includes(value)) identifiers.push(value);
  }

  constructor(
    readonly mode: ResourceMode,
    readonly resourceType: string,
    readonly name: string,
    /** The module instance the resource is declared in. */
    readonly module: ModuleInstance,
    readonly input: InputKind,
    block: BlockNode,
    /** Instance key for count/for_each expansions. */
    readonly instanceKey?: string | number,
  ) {
    super(block.type, block.labels, block, block);
  }

  /** The CDKTF construct this resource came from: `stack/id` in synthesized JSON, the id in TypeScript. */
  get constructPath(): string | undefined {
    return this.extras?.constructPath;
  }

  set constructPath(path: string | undefined) {
    (this.extras ??= {}).constructPath = path;
  }

  /**
   * "unknown" when the resource's count/for_each (or its module's) cannot be resolved: it stands for
   * instances that may or may not exist, so a finding on it holds only if they do; "default" when
   * the count/for_each rests on a variable default.
   */
  existence?: Existence;

  /**
   * What the resource's existence depends on when it is not a count/for_each ("TypeScript iflint
   * cannot decide makes the construct: ..."), for a conditional finding's `certaintyReason`.
   */
  get existenceReason(): string | undefined {
    return this.extras?.existenceReason;
  }

  set existenceReason(reason: string | undefined) {
    (this.extras ??= {}).existenceReason = reason;
  }

  /**
   * The type in the resource's address when it differs from the type rules see: an `azapi_resource`
   * read as the azurerm resource it manages keeps the address (and the references) of the azapi one.
   */
  get addressType(): string | undefined {
    return this.extras?.addressType;
  }

  set addressType(type: string | undefined) {
    (this.extras ??= {}).addressType = type;
    // The addresses are made again with it.
    this.keptBaseAddress = undefined;
    this.keptAddress = undefined;
  }

  /** The address as Terraform writes it: `module.web.aws_lb.this[0]`. */
  get address(): string {
    const base = this.baseAddress;
    if (this.keptAddress !== undefined) return this.keptAddress;
    const key =
      this.instanceKey === undefined
        ? ""
        : typeof this.instanceKey === "number"
          ? `[${this.instanceKey}]`
          : `[${JSON.stringify(this.instanceKey)}]`;
    this.keptAddress = key ? flat(`${base}${key}`) : base;
    return this.keptAddress;
  }

  /** The address without the instance key, the form references use. */
  get baseAddress(): string {
    // Kept (plain fields, no object per resource): rules compare it for every reference they follow.
    // Setting addressType after construction makes both addresses again.
    if (this.keptBaseAddress !== undefined) return this.keptBaseAddress;
    this.keptBaseAddress = flat(joinedBaseAddress(this));
    this.keptAddress = undefined;
    return this.keptBaseAddress;
  }

  /**
   * The base address for an index over every resource: the kept one if made, else a string of its
   * own, neither kept nor interned. An index needs only equal strings, and interning every address
   * of corpus-34 (84k, nearly all different) took longer than the rest of building its index.
   */
  baseAddressKey(): string {
    return this.keptBaseAddress ?? joinedBaseAddress(this);
  }

  private keptBaseAddress?: string;
  private keptAddress?: string;
}

/** `module.web.data.aws_vpc.main`, as one flat string (joined, not a rope of its pieces). */
function joinedBaseAddress(resource: ResourceNode): string {
  const type = resource.addressType ?? resource.resourceType;
  const data = resource.mode === "data" ? "data." : "";
  const prefix = resource.module.address;
  return (prefix ? [prefix, ".", data, type, ".", resource.name] : [data, type, ".", resource.name]).join("");
}

/**
 * A prototype over `base` (BlockNode's or ResourceNode's) for nodes that are their own parts: their
 * `content` and `spans` hold the node itself until built, and `parts` builds them with the node as
 * `this`, from fields of its own. One object for each block the evaluator reads, not a node and
 * its parts.
 */
export function ownPartsPrototype(base: object, parts: BlockParts): object {
  type OwnParts = { content: unknown; spans: unknown };
  return Object.create(base, {
    buildSpans: {
      value(this: OwnParts): BlockSpans {
        if (this.spans === this) this.spans = parts.buildSpans.call(this);
        return BlockNode.prototype.buildSpans.call(this as unknown as BlockNode);
      },
    },
    buildContent: {
      value(this: OwnParts): BlockContent {
        if (this.content === this) this.content = parts.buildContent.call(this);
        return BlockNode.prototype.buildContent.call(this as unknown as BlockNode);
      },
    },
  }) as object;
}

/**
 * What the evaluator's resources share: their block type and labels follow from their mode, type
 * and name, so each is made when read (few are) rather than kept by every resource.
 */
export const EVALUATED_RESOURCE: object = Object.create(ResourceNode.prototype, {
  kind: { value: "resource" },
  type: {
    get(this: ResourceNode) {
      return this.mode === "data" ? "data" : "resource";
    },
  },
  labels: {
    get(this: ResourceNode) {
      return [this.resourceType, this.name];
    },
  },
});

/**
 * A resource as the evaluator makes one for each resource instance it adds: the same fields as
 * `new ResourceNode(...)` less those EVALUATED_RESOURCE gives, its content built from `parts` with
 * no block node in between, as a literal.
 */
export function resourceNode(
  mode: ResourceMode,
  resourceType: string,
  name: string,
  module: ModuleInstance,
  input: InputKind,
  parts: BlockParts,
  instanceKey: string | number | undefined,
  existence: Existence | undefined,
): ResourceNode {
  return {
    __proto__: EVALUATED_RESOURCE,
    content: parts,
    spans: parts,
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
  } as unknown as ResourceNode;
}

/** A top-level named item other than a resource: a root output, a module call, a provider. */
export interface NamedBlock {
  readonly name: string;
  readonly module: ModuleInstance;
  readonly block: BlockNode;
}
