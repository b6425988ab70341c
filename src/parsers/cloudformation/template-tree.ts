/**
 * CloudFormation templates, JSON or YAML, read into one small positioned tree. YAML short forms
 * (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) become the long forms they stand for (`{ Ref: X }`,
 * `{ "Fn::GetAtt": [A, B] }`), so the evaluator sees one syntax. Offsets are UTF-16 offsets in the file.
 */
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Document, Node as YamlNode } from "yaml";
import { yamlLibrary } from "../../source/lazy-libraries.js";
import { yamlComments } from "../yaml-comments.js";
import type { Comment, Span } from "../../source/source-file.js";

export interface TemplateEntry {
  key: string;
  keySpan: Span;
  value: TemplateNode;
}

export type TemplateNode =
  | { kind: "object"; span: Span; entries: TemplateEntry[] }
  | { kind: "array"; span: Span; items: TemplateNode[] }
  | { kind: "scalar"; span: Span; value: string | number | boolean | null };

export interface ParsedTemplate {
  root: TemplateNode | undefined;
  comments: Comment[];
  /** The first syntax error, if any. */
  error?: { span: Span; message: string };
}

/** Short-form tags and the long-form keys they stand for. */
const SHORT_FORMS: Record<string, string> = {
  "!Ref": "Ref",
  "!Condition": "Condition",
  "!GetAtt": "Fn::GetAtt",
  "!Sub": "Fn::Sub",
  "!Join": "Fn::Join",
  "!If": "Fn::If",
  "!Equals": "Fn::Equals",
  "!Not": "Fn::Not",
  "!And": "Fn::And",
  "!Or": "Fn::Or",
  "!Select": "Fn::Select",
  "!Split": "Fn::Split",
  "!FindInMap": "Fn::FindInMap",
  "!ImportValue": "Fn::ImportValue",
  "!GetAZs": "Fn::GetAZs",
  "!Base64": "Fn::Base64",
  "!Cidr": "Fn::Cidr",
  "!Transform": "Fn::Transform",
  "!Length": "Fn::Length",
  "!ToJsonString": "Fn::ToJsonString",
  "!ForEach": "Fn::ForEach",
};

/** Nodes converted at most this many times: YAML aliases must not expand into an exponential tree. */
const MAX_NODES = 2_000_000;

export function parseTemplate(text: string, isJson: boolean): ParsedTemplate {
  // YAML flow collections nest by brackets too; the YAML parser takes seconds on very deep ones.
  const deep = tooDeep(text);
  if (deep !== undefined)
    return {
      root: undefined,
      comments: [],
      error: { span: { start: deep, end: deep + 1 }, message: `Nested more than ${MAX_NESTING} levels deep` },
    };
  return isJson ? parseJsonTemplate(text) : parseYamlTemplate(text);
}

/** Brackets nested deeper than this are refused before parsing: the parsers recurse per level. */
const MAX_NESTING = 1000;

/** The offset where brackets (outside strings) nest deeper than the limit, if they do. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

function parseJsonTemplate(text: string): ParsedTemplate {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  const convert = (node: JsonNode): TemplateNode => {
    const span = { start: node.offset, end: node.offset + node.length };
    if (node.type === "object") {
      const entries: TemplateEntry[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value) continue;
        entries.push({
          key: String(key.value),
          keySpan: { start: key.offset, end: key.offset + key.length },
          value: convert(value),
        });
      }
      return { kind: "object", span, entries };
    }
    if (node.type === "array") return { kind: "array", span, items: (node.children ?? []).map(convert) };
    return { kind: "scalar", span, value: (node.value ?? null) as string | number | boolean | null };
  };
  const error = errors[0] && {
    span: { start: errors[0].offset, end: errors[0].offset + Math.max(1, errors[0].length) },
    message: "Invalid JSON",
  };
  return { root: tree ? convert(tree) : undefined, comments: [], error };
}

function parseYamlTemplate(text: string): ParsedTemplate {
  let document: Document.Parsed;
  try {
    document = yamlLibrary().parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false });
  } catch (error) {
    return { root: undefined, comments: [], error: { span: { start: 0, end: 1 }, message: String(error) } };
  }
  const first = document.errors[0];
  const error = first && {
    span: { start: first.pos[0], end: Math.max(first.pos[0] + 1, first.pos[1]) },
    message: first.message.split("\n")[0],
  };
  let budget = MAX_NODES;
  const converted = new Map<YamlNode, TemplateNode>();
  const convert = (node: unknown, depth: number): TemplateNode => {
    if (yamlLibrary().isAlias(node)) {
      const target = node.resolve(document);
      return target ? convert(target, depth) : scalar(null, spanOf(node));
    }
    const seen = converted.get(node as YamlNode);
    if (seen) return seen;
    if (--budget < 0 || depth > 500) return scalar(null, spanOf(node));
    let result: TemplateNode;
    if (yamlLibrary().isMap(node)) {
      const entries: TemplateEntry[] = [];
      for (const pair of node.items) {
        const key = yamlLibrary().isScalar(pair.key) ? pair.key : undefined;
        if (!key) continue;
        const keySpan = spanOf(key);
        entries.push({
          key: String(key.value),
          keySpan,
          value: pair.value ? convert(pair.value, depth + 1) : scalar(null, { start: keySpan.end, end: keySpan.end }),
        });
      }
      result = { kind: "object", span: spanOf(node), entries };
    } else if (yamlLibrary().isSeq(node)) {
      result = { kind: "array", span: spanOf(node), items: node.items.map((item) => convert(item, depth + 1)) };
    } else if (yamlLibrary().isScalar(node)) {
      const value = node.value;
      result = scalar(
        typeof value === "string" || typeof value === "number" || typeof value === "boolean"
          ? value
          : value === null
            ? null
            : String(value),
        spanOf(node),
      );
    } else result = scalar(null, spanOf(node));
    const tag = (node as { tag?: string }).tag;
    const longForm = tag ? SHORT_FORMS[tag] : undefined;
    if (longForm) result = shortForm(longForm, result, tagSpan(text, result.span, tag!));
    converted.set(node as YamlNode, result);
    return result;
  };
  const root = document.contents ? convert(document.contents, 0) : undefined;
  return { root, comments: yamlComments(text), error };
}

function scalar(value: string | number | boolean | null, span: Span): TemplateNode {
  return { kind: "scalar", span, value };
}

function spanOf(node: unknown): Span {
  const range = (node as { range?: [number, number, number] }).range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** The span from the tag (`!Ref`) to the end of its value, so a finding on it underlines both. */
function tagSpan(text: string, span: Span, tag: string): Span {
  const at = text.lastIndexOf(tag, span.start);
  return { start: at >= 0 && span.start - at < 200 ? at : span.start, end: span.end };
}

/** `!GetAtt A.B` is `Fn::GetAtt: [A, B]`; every other short form wraps its value unchanged. */
function shortForm(key: string, value: TemplateNode, span: Span): TemplateNode {
  let inner = value;
  if (key === "Fn::GetAtt" && value.kind === "scalar" && typeof value.value === "string") {
    const dot = value.value.indexOf(".");
    const parts = dot > 0 ? [value.value.slice(0, dot), value.value.slice(dot + 1)] : [value.value];
    inner = { kind: "array", span: value.span, items: parts.map((part) => scalar(part, value.span)) };
  }
  return { kind: "object", span, entries: [{ key, keySpan: span, value: inner }] };
}

/** True when the template's `Transform` (one name or a list) names this transform. */
export function usesTransform(root: TemplateNode | undefined, name: string): boolean {
  const transform = valueOf(root, "Transform");
  if (transform?.kind === "scalar") return transform.value === name;
  return transform?.kind === "array" && transform.items.some((item) => item.kind === "scalar" && item.value === name);
}

/** The value of a key in an object node. */
export function entryOf(node: TemplateNode | undefined, key: string): TemplateEntry | undefined {
  return node?.kind === "object" ? node.entries.find((entry) => entry.key === key) : undefined;
}

export function valueOf(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return entryOf(node, key)?.value;
}

/** A template has `AWSTemplateFormatVersion`, or `Resources` whose entries have `Type: AWS::...` (or `Custom::`). */
export function isTemplate(root: TemplateNode | undefined): boolean {
  if (root?.kind !== "object") return false;
  if (entryOf(root, "AWSTemplateFormatVersion")) return true;
  const resources = valueOf(root, "Resources");
  if (resources?.kind !== "object" || !resources.entries.length) return false;
  return resources.entries.some((entry) => {
    const type = valueOf(entry.value, "Type");
    return type?.kind === "scalar" && typeof type.value === "string" && /^(AWS|Custom|Alexa)::/.test(type.value);
  });
}

/** A cheap test on a file's opening, before parsing: could this be a template? */
export function mayBeTemplate(head: string): boolean {
  return /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/.test(head);
}
