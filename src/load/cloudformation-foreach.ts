/**
 * The language extensions transform's loops (`Transform: AWS::LanguageExtensions`): each
 * `Fn::ForEach::<Name>: [Identifier, [values...], { OutputKey: fragment }]` in `Resources`,
 * `Outputs` or `Conditions` becomes one copy of its fragment per value, `${Identifier}` and
 * `&{Identifier}` (the value's letters and digits only) replaced in keys and `Fn::Sub` strings and
 * `Ref: Identifier` by the value, as CloudFormation expands them before deploying. Copies keep the
 * fragment's positions. A loop over values not known here (a parameter without a default, an
 * intrinsic) is left out and reported, so the template is read as incomplete.
 */
import type { Span } from "../source/source-file.js";
import {
  usesTransform,
  valueOf,
  type TemplateEntry,
  type TemplateNode,
} from "../parsers/cloudformation/template-tree.js";

const TRANSFORM = "AWS::LanguageExtensions";
const LOOP = "Fn::ForEach::";
const SECTIONS = new Set(["Resources", "Outputs", "Conditions"]);
/** Copies a template's loops may make (nested loops multiply): a hostile template must not exhaust memory. */
const MAX_COPIES = 10_000;
const MAX_NESTING = 5;

export interface ForEachResult {
  root: TemplateNode;
  /** Loops left out: their values are not known. */
  unexpanded: { span: Span; name: string }[];
}

export function expandForEach(root: TemplateNode): ForEachResult {
  const unexpanded: ForEachResult["unexpanded"] = [];
  if (root.kind !== "object" || !usesTransform(root, TRANSFORM)) return { root, unexpanded };
  const budget = { copies: 0 };
  const parameters = valueOf(root, "Parameters");
  const entries = root.entries.map((entry) =>
    SECTIONS.has(entry.key) && entry.value.kind === "object"
      ? {
          ...entry,
          value: {
            ...entry.value,
            entries: expandEntries(entry.value.entries, parameters, budget, unexpanded, 0),
          },
        }
      : entry,
  );
  return { root: { ...root, entries }, unexpanded };
}

function expandEntries(
  entries: readonly TemplateEntry[],
  parameters: TemplateNode | undefined,
  budget: { copies: number },
  unexpanded: ForEachResult["unexpanded"],
  nesting: number,
): TemplateEntry[] {
  const expanded: TemplateEntry[] = [];
  for (const entry of entries) {
    if (!entry.key.startsWith(LOOP)) {
      expanded.push(entry);
      continue;
    }
    const loop = entry.value.kind === "array" ? entry.value.items : [];
    const [identifierNode, collection, fragment] = loop;
    const identifier = identifierNode?.kind === "scalar" ? String(identifierNode.value) : undefined;
    const values = collection ? valuesOf(collection, parameters) : undefined;
    if (
      loop.length !== 3 ||
      !identifier ||
      !values ||
      fragment?.kind !== "object" ||
      nesting >= MAX_NESTING ||
      budget.copies + values.length * fragment.entries.length > MAX_COPIES
    ) {
      unexpanded.push({ span: entry.keySpan, name: entry.key.slice(LOOP.length) });
      continue;
    }
    budget.copies += values.length * fragment.entries.length;
    const copies: TemplateEntry[] = [];
    for (const value of values)
      for (const item of fragment.entries)
        copies.push({
          ...item,
          key: replaced(item.key, identifier, value),
          value: substituted(item.value, identifier, value, false),
        });
    // A loop inside the fragment (nested loops) is expanded with the outer value already in place.
    expanded.push(...expandEntries(copies, parameters, budget, unexpanded, nesting + 1));
  }
  return expanded;
}

/** A literal list of values, or a parameter's default list (`CommaDelimitedList`, `List<...>`). */
function valuesOf(collection: TemplateNode, parameters: TemplateNode | undefined): string[] | undefined {
  if (collection.kind === "array")
    return collection.items.every((item) => item.kind === "scalar" && item.value !== null)
      ? collection.items.map((item) => String((item as { value: unknown }).value))
      : undefined;
  const ref = collection.kind === "object" && collection.entries.length === 1 ? collection.entries[0] : undefined;
  if (ref?.key !== "Ref" || ref.value.kind !== "scalar") return undefined;
  const fallback = valueOf(valueOf(parameters, String(ref.value.value)), "Default");
  if (fallback?.kind === "scalar" && typeof fallback.value === "string")
    return fallback.value.split(",").map((item) => item.trim());
  if (fallback?.kind === "array") return valuesOf(fallback, undefined);
  return undefined;
}

/** `${Identifier}` as the value, `&{Identifier}` as its letters and digits. */
function replaced(text: string, identifier: string, value: string): string {
  return text
    .split(`\${${identifier}}`)
    .join(value)
    .split(`&{${identifier}}`)
    .join(value.replace(/[^A-Za-z0-9]/g, ""));
}

function substituted(node: TemplateNode, identifier: string, value: string, inSub: boolean): TemplateNode {
  if (node.kind === "scalar")
    return inSub && typeof node.value === "string" ? { ...node, value: replaced(node.value, identifier, value) } : node;
  if (node.kind === "array")
    return { ...node, items: node.items.map((item) => substituted(item, identifier, value, inSub)) };
  if (node.entries.length === 1) {
    const [only] = node.entries;
    if (only.key === "Ref" && only.value.kind === "scalar" && typeof only.value.value === "string") {
      if (only.value.value === identifier) return { kind: "scalar", span: node.span, value };
      // `Ref: ${Site}Alb`: the copy's own resource.
      return {
        ...node,
        entries: [{ ...only, value: { ...only.value, value: replaced(only.value.value, identifier, value) } }],
      };
    }
  }
  return {
    ...node,
    entries: node.entries.map((entry) => ({
      ...entry,
      key: replaced(entry.key, identifier, value),
      value: substituted(entry.value, identifier, value, inSub || entry.key === "Fn::Sub"),
    })),
  };
}
