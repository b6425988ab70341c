/**
 * Terraform's JSON syntax (`*.tf.json`, CDKTF's `cdk.tf.json`) read into the same syntax tree as
 * HCL, with every span pointing into the JSON file, so evaluation and rules need no second path.
 *
 * Without provider schemas a JSON object cannot be told apart from a nested block, so an object
 * (or array of objects) inside a block body is given both ways: as an attribute holding the
 * object and as nested blocks. Rules ask for blocks by type and attributes by name, and see both.
 */
import { MAX_NESTING, excessJsonNesting } from "../nesting-guard.js";
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Attribute, Block, BlockLabel, Body, Diagnostic, Expression, HclFile, ObjectItem } from "../hcl/ast.js";
import { parseHclExpression, parseHclTemplate } from "../hcl/parse.js";
import { SourceFile } from "../../source/source-file.js";

export interface TerraformJsonFile {
  hcl: HclFile;
  /** CDKTF construct paths (`"//": {"metadata": {"path": ...}}`) by the block they describe. */
  constructPaths: Map<Block, string>;
}

/** Top-level block types and how many labels each takes. */
const LABEL_COUNTS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
};

export function parseTerraformJson(file: SourceFile): TerraformJsonFile {
  const errors: ParseError[] = [];
  const tooDeep = excessJsonNesting(file.text);
  if (tooDeep !== undefined) {
    const diagnostic: Diagnostic = {
      severity: "error",
      summary: "Nesting too deep",
      detail: `Expected at most ${MAX_NESTING} levels of nested arrays and objects.`,
      file,
      start: tooDeep,
      end: tooDeep + 1,
    };
    return { hcl: { file, body: emptyBody(0, 0), diagnostics: [diagnostic], comments: [] }, constructPaths: new Map() };
  }
  const root = parseTree(file.text, errors, { allowTrailingComma: false, disallowComments: true });
  // After the first JSON error the rest are usually its echoes; report the first.
  const diagnostics: Diagnostic[] = errors.slice(0, 1).map((error) => ({
    severity: "error",
    summary: "Invalid JSON",
    detail: `Expected valid JSON (${printParseErrorCode(error.error)}).`,
    file,
    start: error.offset,
    end: error.offset + Math.max(1, error.length),
  }));
  const converter = new JsonConverter(file, diagnostics);
  const body = emptyBody(root?.offset ?? 0, root ? root.offset + root.length : 0);
  if (root && root.type !== "object" && !errors.length) {
    diagnostics.push({
      severity: "error",
      summary: "Invalid Terraform JSON",
      detail: `Expected a JSON object at the top level, but found ${root.type}.`,
      file,
      start: root.offset,
      end: root.offset + root.length,
    });
  } else if (root && !errors.length) {
    try {
      for (const property of properties(root)) converter.topLevel(property, body);
    } catch (error) {
      // Nested blocks have no depth bound of their own: input deep enough to exhaust the stack is one diagnostic.
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push({
        severity: "error",
        summary: "Nesting too deep",
        detail: `Expected at most ${MAX_NESTING} levels of nested arrays and objects.`,
        file,
        start: root.offset,
        end: root.offset + 1,
      });
      body.attributes.length = 0;
      body.blocks.length = 0;
      body.items.length = 0;
    }
  }
  return { hcl: { file, body, diagnostics, comments: [] }, constructPaths: converter.constructPaths };
}

class JsonConverter {
  readonly constructPaths = new Map<Block, string>();
  private tooDeep = false;

  constructor(
    private readonly file: SourceFile,
    private readonly diagnostics: Diagnostic[],
  ) {}

  topLevel([key, value]: [JsonNode, JsonNode], body: Body): void {
    const type = String(key.value);
    if (type === "//") return;
    const labelCount = LABEL_COUNTS[type] ?? 0;
    this.labelled(type, labelCount, [], key, value, body);
  }

  /** Descends `labelCount` levels of object keys as labels, then reads the body (or bodies). */
  private labelled(
    type: string,
    labelCount: number,
    labels: BlockLabel[],
    typeNode: JsonNode,
    value: JsonNode,
    into: Body,
  ): void {
    if (labelCount === 0) {
      for (const bodyNode of value.type === "array" ? (value.children ?? []) : [value]) {
        if (bodyNode.type !== "object") {
          this.diagnostics.push({
            severity: "error",
            summary: "Invalid Terraform JSON",
            detail: `Expected an object for the body of "${type}", but found ${bodyNode.type}.`,
            file: this.file,
            start: bodyNode.offset,
            end: bodyNode.offset + bodyNode.length,
          });
          continue;
        }
        const block = this.block(type, labels, typeNode, bodyNode, type === "variable");
        addItem(into, block);
      }
      return;
    }
    if (value.type !== "object") {
      this.diagnostics.push({
        severity: "error",
        summary: "Invalid Terraform JSON",
        detail: `Expected an object of "${type}" labels, but found ${value.type}.`,
        file: this.file,
        start: value.offset,
        end: value.offset + value.length,
      });
      return;
    }
    for (const [labelKey, inner] of properties(value)) {
      if (labelKey.value === "//") continue;
      const label: BlockLabel = {
        value: String(labelKey.value),
        quoted: true,
        start: labelKey.offset,
        end: labelKey.offset + labelKey.length,
      };
      this.labelled(type, labelCount - 1, [...labels, label], typeNode, inner, into);
    }
  }

  private block(type: string, labels: BlockLabel[], typeNode: JsonNode, bodyNode: JsonNode, isVariable = false): Block {
    const body = emptyBody(bodyNode.offset, bodyNode.offset + bodyNode.length);
    let constructPath: string | undefined;
    for (const [key, value] of properties(bodyNode)) {
      const name = String(key.value);
      if (name === "//") {
        constructPath = constructPathOf(value);
        continue;
      }
      if (type === "locals" || (type === "terraform" && name !== "backend")) {
        addItem(body, this.attribute(key, value));
        continue;
      }
      if (name === "dynamic" && value.type === "object") {
        for (const [labelKey, dynamicBody] of properties(value)) {
          const label: BlockLabel = {
            value: String(labelKey.value),
            quoted: true,
            start: labelKey.offset,
            end: labelKey.offset + labelKey.length,
          };
          for (const item of dynamicBody.type === "array" ? (dynamicBody.children ?? []) : [dynamicBody]) {
            if (item.type === "object") addItem(body, this.block("dynamic", [label], key, item));
          }
        }
        continue;
      }
      if (isVariable && name === "type" && value.type === "string") {
        addItem(body, {
          kind: "Attribute",
          name,
          nameSpan: span(key),
          expression: this.expressionFromString(value, "expression"),
          start: key.offset,
          end: value.offset + value.length,
        });
        continue;
      }
      addItem(body, this.attribute(key, value));
      const nested =
        value.type === "object"
          ? [value]
          : value.type === "array" && value.children?.length && value.children.every((child) => child.type === "object")
            ? value.children
            : [];
      for (const item of nested) addItem(body, this.block(name, [], key, item));
    }
    // A labelled block is reported at its innermost label (`"web": {`), not at the shared `"resource"` key.
    const headerNode = labels.length ? labels[labels.length - 1] : span(typeNode);
    const block: Block = {
      kind: "Block",
      type,
      typeSpan: { start: headerNode.start, end: headerNode.end },
      labels,
      body,
      openBrace: { start: bodyNode.offset, end: bodyNode.offset + 1 },
      closeBrace: { start: bodyNode.offset + bodyNode.length - 1, end: bodyNode.offset + bodyNode.length },
      start: headerNode.start,
      end: bodyNode.offset + bodyNode.length,
    };
    if (constructPath) this.constructPaths.set(block, constructPath);
    return block;
  }

  private attribute(key: JsonNode, value: JsonNode): Attribute {
    return {
      kind: "Attribute",
      name: String(key.value),
      nameSpan: span(key),
      expression: this.expression(value),
      start: key.offset,
      end: value.offset + value.length,
    };
  }

  private expression(node: JsonNode, depth = 0): Expression {
    const where = span(node);
    // As deep as the HCL parser goes; deeper input gives one diagnostic, not a stack overflow.
    if (depth > MAX_NESTING) {
      if (!this.tooDeep)
        this.diagnostics.push({
          severity: "error",
          summary: "Nesting too deep",
          detail: `Expected at most ${MAX_NESTING} levels of nested arrays and objects.`,
          file: this.file,
          start: node.offset,
          end: node.offset + 1,
        });
      this.tooDeep = true;
      return { kind: "Invalid", ...where };
    }
    switch (node.type) {
      case "string":
        return this.expressionFromString(node, "template");
      case "number":
      case "boolean":
      case "null":
        return { kind: "Literal", value: node.value as number | boolean | null, ...where };
      case "array":
        return {
          kind: "Tuple",
          items: (node.children ?? []).map((child) => this.expression(child, depth + 1)),
          ...where,
        };
      case "object": {
        const items: ObjectItem[] = [];
        for (const [key, value] of properties(node)) {
          if (key.value === "//") continue;
          items.push({
            key: { kind: "Literal", value: String(key.value), ...span(key) },
            value: this.expression(value, depth + 1),
            start: key.offset,
            end: value.offset + value.length,
          });
        }
        return { kind: "Object", items, ...where };
      }
      default:
        return { kind: "Invalid", ...where };
    }
  }

  /** A JSON string is an HCL template (or, for `type`, an expression), parsed in place when it can be. */
  private expressionFromString(node: JsonNode, as: "template" | "expression"): Expression {
    const text = String(node.value);
    const where = span(node);
    if (as === "template" && !text.includes("${") && !text.includes("%{"))
      return { kind: "Literal", value: text, ...where };
    const contentStart = node.offset + 1;
    const contentEnd = node.offset + node.length - 1;
    const raw = this.file.text.slice(contentStart, contentEnd);
    // Without escapes the raw text is the decoded text, so positions map one to one into the file.
    const inPlace = raw === text;
    const file = inPlace ? this.file : new SourceFile(this.file.path, text, this.file.absolutePath);
    const start = inPlace ? contentStart : 0;
    const end = inPlace ? contentEnd : text.length;
    const parsed = as === "template" ? parseHclTemplate(file, start, end) : parseHclExpression(file, start, end);
    for (const diagnostic of parsed.diagnostics) {
      this.diagnostics.push({
        ...diagnostic,
        file: this.file,
        start: inPlace ? diagnostic.start : node.offset,
        end: inPlace ? diagnostic.end : node.offset + node.length,
      });
    }
    // The whole JSON string (quotes included) is the expression's range, as a user would point at it.
    return { ...parsed.expression, ...where };
  }
}

function properties(node: JsonNode): [JsonNode, JsonNode][] {
  const result: [JsonNode, JsonNode][] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) result.push([key, value]);
  }
  return result;
}

function constructPathOf(node: JsonNode): string | undefined {
  for (const [key, value] of properties(node)) {
    if (key.value !== "metadata" || value.type !== "object") continue;
    for (const [innerKey, innerValue] of properties(value))
      if (innerKey.value === "path" && typeof innerValue.value === "string") return innerValue.value;
  }
  return undefined;
}

function span(node: JsonNode): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

function emptyBody(start: number, end: number): Body {
  return { kind: "Body", attributes: [], blocks: [], items: [], start, end };
}

function addItem(body: Body, item: Attribute | Block): void {
  body.items.push(item);
  if (item.kind === "Attribute") body.attributes.push(item);
  else body.blocks.push(item);
}
