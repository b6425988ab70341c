/**
 * Builds the model's resources from a CloudFormation resource and its mappings
 * (cloudformation-mapping.ts): attributes and nested blocks positioned at the template's properties,
 * values evaluated as CloudFormation would, references kept as references.
 */
import { SourceRange, type SourceFile, type Span } from "../source/source-file.js";
import { BlockNode, ResourceNode, type AttributeNode, type ValuePath } from "../model/nodes.js";
import {
  Unknown,
  asNumber,
  asString,
  containsUnknown,
  isObject,
  isUnknown,
  referencesOf,
  type Existence,
  type ModuleInstance,
  type Reference,
  type Value,
} from "../model/value.js";
import type { TemplateEntry, TemplateNode } from "../parsers/cloudformation/template-tree.js";
import { NO_VALUE, type TemplateEvaluator } from "./cloudformation-evaluate.js";
import type { BlockMapping, Conversion, PropertyMapping, ResourceMapping } from "./cloudformation-mapping.js";

/** What building a template's resources needs to know about the template. */
export interface TemplateContext {
  file: SourceFile;
  evaluator: TemplateEvaluator;
  instance: ModuleInstance;
  /** The reference to a resource of the template, by logical id. */
  referenceTo(logicalId: string, attribute?: string[]): Reference | undefined;
  /** A reference to the template's hosted zone of this name. */
  hostedZoneNamed(name: string): Reference | undefined;
}

/** One CloudFormation resource as the template writes it. */
export interface TemplateResource {
  logicalId: string;
  entry: TemplateEntry;
  type: string;
  properties: TemplateNode | undefined;
  existence?: Existence;
  /** The AWS CDK construct path (`aws:cdk:path` metadata), when synthesized by the CDK. */
  constructPath?: string;
}

/** A value and where the template shows it: the node it was written as, or the nearest enclosing one. */
class Located {
  private computed: { value: Value | undefined; defaulted: boolean } | undefined;

  constructor(
    private readonly evaluator: TemplateEvaluator,
    /** The node the value is written as; undefined when it comes out of an intrinsic function. */
    readonly node: TemplateNode | undefined,
    readonly span: Span,
    readonly keySpan: Span | undefined,
    derived?: { value: Value | undefined; defaulted: boolean },
  ) {
    this.computed = derived;
  }

  private compute(): { value: Value | undefined; defaulted: boolean } {
    if (!this.computed) {
      this.evaluator.usedDefault = false;
      const value = this.node ? this.evaluator.evaluate(this.node) : undefined;
      this.computed = { value: value === NO_VALUE ? undefined : value, defaulted: this.evaluator.usedDefault };
    }
    return this.computed;
  }

  get value(): Value | undefined {
    return this.compute().value;
  }

  get defaulted(): boolean {
    return this.compute().defaulted;
  }

  child(step: string | number): Located {
    const node = this.node;
    if (node?.kind === "object" && !isIntrinsic(node) && typeof step === "string") {
      const entry = node.entries.find((candidate) => candidate.key === step);
      if (!entry) return this.absent();
      return new Located(
        this.evaluator,
        entry.value,
        { start: entry.keySpan.start, end: entry.value.span.end },
        entry.keySpan,
      );
    }
    if (node?.kind === "array" && typeof step === "number") {
      // Items that evaluate to AWS::NoValue are dropped, so count only the others.
      const items = node.items.filter((item) => !isNoValue(item));
      const item = items[step];
      return item ? new Located(this.evaluator, item, item.span, undefined) : this.absent();
    }
    const value = this.value;
    const inner =
      Array.isArray(value) && typeof step === "number"
        ? value[step]
        : isObject(value)
          ? value[String(step)]
          : undefined;
    const derived = isUnknown(value) ? value : inner;
    return new Located(this.evaluator, undefined, this.span, undefined, { value: derived, defaulted: this.defaulted });
  }

  at(path: readonly (string | number)[]): Located {
    return path.reduce<Located>((located, step) => located.child(step), this);
  }

  /** The elements of a list (or one object as a list of one). */
  elements(): Located[] {
    const value = this.value;
    if (Array.isArray(value)) return value.map((_, index) => this.child(index));
    if (isObject(value)) return [this];
    return [];
  }

  private absent(): Located {
    return new Located(this.evaluator, undefined, this.span, undefined, { value: undefined, defaulted: false });
  }
}

function isIntrinsic(node: TemplateNode): boolean {
  if (node.kind !== "object" || node.entries.length !== 1) return false;
  const key = node.entries[0].key;
  return key === "Ref" || key === "Condition" || key.startsWith("Fn::");
}

function isNoValue(node: TemplateNode): boolean {
  return (
    node.kind === "object" &&
    node.entries.length === 1 &&
    node.entries[0].key === "Ref" &&
    node.entries[0].value.kind === "scalar" &&
    node.entries[0].value.value === "AWS::NoValue"
  );
}

/** The Terraform resources one CloudFormation resource is read as. */
export function buildResources(
  context: TemplateContext,
  resource: TemplateResource,
  mappings: readonly ResourceMapping[],
): ResourceNode[] {
  const { file, evaluator } = context;
  const range = new SourceRange(file, resource.entry.keySpan.start, resource.entry.value.span.end);
  const header = new SourceRange(file, resource.entry.keySpan.start, resource.entry.keySpan.end);
  const propertiesEntry =
    resource.entry.value.kind === "object"
      ? resource.entry.value.entries.find((e) => e.key === "Properties")
      : undefined;
  const properties = new Located(
    evaluator,
    propertiesEntry?.value,
    propertiesEntry
      ? { start: propertiesEntry.keySpan.start, end: propertiesEntry.value.span.end }
      : resource.entry.keySpan,
    propertiesEntry?.keySpan ?? resource.entry.keySpan,
  );
  const builder = new AttributeBuilder(context, header);
  const result: ResourceNode[] = [];
  for (const mapping of mappings) {
    if (mapping.when && properties.at(mapping.when).value === undefined) continue;
    const sources = mapping.each ? properties.at(mapping.each).elements() : [properties];
    sources.forEach((source, index) => {
      // One of several resources from a list (a record set group's records) is at its list item.
      const element = mapping.each ? source.node : undefined;
      const first = element?.kind === "object" ? element.entries[0]?.keySpan : undefined;
      const spans = element
        ? {
            range: new SourceRange(file, element.span.start, element.span.end),
            headerRange: new SourceRange(file, first?.start ?? element.span.start, first?.end ?? element.span.start),
          }
        : { range, headerRange: header };
      const block = new BlockNode("resource", [mapping.terraform, resource.logicalId], spans, () => {
        const content = builder.content(source, mapping);
        if (mapping.parentAttributes)
          for (const [name, attribute] of builder.attributes(properties, mapping.parentAttributes))
            content.attributes.set(name, attribute);
        if (mapping.selfReference) {
          const reference = context.referenceTo(resource.logicalId);
          content.attributes.set(
            mapping.selfReference,
            builder.literal(
              mapping.selfReference,
              new Unknown(`Ref ${resource.logicalId}`, reference ? [reference] : []),
            ),
          );
        }
        return content;
      });
      const node = new ResourceNode(
        "managed",
        mapping.terraform,
        resource.logicalId,
        context.instance,
        "cloudformation",
        block,
        mapping.each ? index : undefined,
      );
      node.existence = resource.existence;
      if (resource.constructPath) {
        node.constructPath = resource.constructPath;
        // Until the app's TypeScript places it, the construct path says where the resource comes from.
        node.addOrigins({
          range: header,
          message: `created by the AWS CDK construct ${resource.constructPath}`,
        });
      }
      result.push(node);
    });
  }
  return result;
}

class AttributeBuilder {
  constructor(
    private readonly context: TemplateContext,
    private readonly header: SourceRange,
  ) {}

  content(
    source: Located,
    mapping: {
      attributes?: Readonly<Record<string, PropertyMapping>>;
      blocks?: Readonly<Record<string, BlockMapping>>;
    },
  ): { attributes: Map<string, AttributeNode>; blocks: BlockNode[] } {
    const attributes = this.attributes(source, mapping.attributes ?? {});
    const blocks: BlockNode[] = [];
    for (const [type, block] of Object.entries(mapping.blocks ?? {})) blocks.push(...this.blocks(source, type, block));
    return { attributes, blocks };
  }

  attributes(source: Located, mapped: Readonly<Record<string, PropertyMapping>>): Map<string, AttributeNode> {
    const attributes = new Map<string, AttributeNode>();
    for (const [name, written] of Object.entries(mapped)) {
      const property = written.or && source.at(written.from).value === undefined ? written.or : written;
      const located = source.at(property.from);
      let value = located.value;
      if (value === undefined) {
        if (property.absent && !attributes.has(name))
          attributes.set(name, this.literal(name, new Unknown(property.absent.unknown), source));
        continue;
      }
      if (property.convert) value = this.convert(property.convert, value);
      attributes.set(name, this.attribute(name, located, value));
    }
    return attributes;
  }

  private blocks(source: Located, type: string, mapping: BlockMapping): BlockNode[] {
    const located = source.at(mapping.from);
    const value = located.value;
    if (value === undefined) return [];
    const file = this.context.file;
    if (isUnknown(value)) {
      // A list CloudFormation decides when deployed (a condition, an import): like Terraform's dynamic block.
      return [
        new BlockNode(
          "dynamic",
          [type],
          { range: new SourceRange(file, located.span.start, located.span.end), headerRange: this.keyRange(located) },
          { attributes: new Map(), blocks: [], unknownContent: value.reason },
        ),
      ];
    }
    if (mapping.entries) {
      if (!isObject(value)) return [];
      return Object.keys(value).map((key) => {
        const entry = located.child(key);
        const attributes = new Map<string, AttributeNode>([
          ["name", this.literal("name", key, entry)],
          ["value", this.attribute("value", entry, entry.value ?? null)],
        ]);
        return new BlockNode(
          type,
          [],
          { range: new SourceRange(file, entry.span.start, entry.span.end), headerRange: this.keyRange(entry) },
          { attributes, blocks: [] },
        );
      });
    }
    return located.elements().map(
      (element) =>
        new BlockNode(
          type,
          [],
          {
            range: new SourceRange(file, element.span.start, element.span.end),
            headerRange:
              element === located
                ? this.keyRange(located)
                : new SourceRange(file, element.span.start, element.span.start),
          },
          () => this.content(element, mapping),
        ),
    );
  }

  private keyRange(located: Located): SourceRange {
    const span = located.keySpan ?? located.span;
    return new SourceRange(this.context.file, span.start, span.end);
  }

  attribute(name: string, located: Located, value: Value): AttributeNode {
    const file = this.context.file;
    const range = new SourceRange(file, located.span.start, located.span.end);
    const valueSpan = located.node?.span ?? located.span;
    const valueRange = new SourceRange(file, valueSpan.start, valueSpan.end);
    return {
      kind: "attribute",
      name,
      range,
      nameRange: this.keyRange(located),
      valueRange,
      value,
      certainty: located.defaulted ? "default" : "definite",
      writtenLiterally: () => located.node !== undefined && !containsIntrinsic(located.node),
      locate: (path: ValuePath) => {
        const inner = located.at(path);
        return inner.node ? new SourceRange(file, inner.node.span.start, inner.node.span.end) : undefined;
      },
    };
  }

  /** An attribute the template does not write (a default, a reference to the resource itself): at the resource. */
  literal(name: string, value: Value, at?: Located): AttributeNode {
    const range = at ? this.keyRange(at) : this.header;
    return { kind: "attribute", name, range, nameRange: range, valueRange: range, value, locate: () => undefined };
  }

  private convert(conversion: Conversion, value: Value): Value {
    switch (conversion) {
      case "internal-from-scheme":
        return value === "internal" ? true : value === "internet-facing" ? false : value;
      case "list":
        return Array.isArray(value) ? value : [value];
      case "number":
        return asNumber(value) ?? value;
      case "json":
        if (typeof value === "string" || isUnknown(value)) return value;
        return containsUnknown(value)
          ? new Unknown("a JSON document with values known when deployed", referencesOf(value))
          : JSON.stringify(value);
      case "container-definitions":
        return isUnknown(value) ? value : JSON.stringify(camelCaseKeys(value));
      case "hosted-zone-by-name": {
        const name = asString(value);
        const reference = name === undefined ? undefined : this.context.hostedZoneNamed(name);
        return new Unknown(`HostedZoneName ${name ?? "(unknown)"}`, reference ? [reference] : referencesOf(value));
      }
    }
  }
}

function containsIntrinsic(node: TemplateNode): boolean {
  if (node.kind === "scalar") return false;
  if (node.kind === "array") return node.items.some(containsIntrinsic);
  return isIntrinsic(node) || node.entries.some((entry) => containsIntrinsic(entry.value));
}

/** ECS's API takes camelCase; CloudFormation writes PascalCase. Unknown values become null in the JSON. */
function camelCaseKeys(value: Value): unknown {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), camelCaseKeys(inner)]),
    );
  return value;
}
