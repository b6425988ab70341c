/**
 * Where values decoded from the repository's own files came from. `yamldecode(file("dns.yml"))`
 * makes lists and maps whose elements were written in the YAML file, not in the HCL: a finding on
 * one of them should point there. Decoded containers are remembered (weakly) with the range of
 * each member, so a path into a value can be turned back into a position in the file.
 */
import type { Node as YamlNode } from "yaml";
import { yamlLibrary } from "../source/lazy-libraries.js";
import { excessJsonNesting } from "../parsers/nesting-guard.js";
import { parseTree, type Node as JsonNode } from "jsonc-parser";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import { isObject, type Value } from "../model/value.js";
import type { CsvRecord } from "./functions/csv.js";

const memberRanges = new WeakMap<object, Map<string | number, SourceRange>>();

/** The range of the member a path leads to, when the value was decoded from a file. */
export function originOf(value: Value, path: readonly (string | number)[]): SourceRange | undefined {
  let current: Value | undefined = value;
  let range: SourceRange | undefined;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    range = memberRanges.get(current)?.get(step);
    if (!range) return undefined;
    current = Array.isArray(current) ? current[Number(step)] : isObject(current) ? current[String(step)] : undefined;
  }
  return range;
}

function remember(container: Value, key: string | number, range: SourceRange): void {
  if (container === null || typeof container !== "object") return;
  let members = memberRanges.get(container);
  if (!members) memberRanges.set(container, (members = new Map()));
  members.set(key, range);
}

/** Records where the members of a value decoded from YAML were written, from the YAML document's nodes. */
export function recordYamlOrigins(node: unknown, value: Value, file: SourceFile): void {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  if (isMap(node) && isObject(value)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const child = pair.value as YamlNode | null;
      if (key === undefined || !child?.range || !(key in value)) continue;
      remember(value, key, new SourceRange(file, child.range[0], child.range[1]));
      recordYamlOrigins(child, value[key], file);
    }
  } else if (isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, index) => {
      const child = item as YamlNode | null;
      if (!child?.range || index >= value.length) return;
      remember(value, index, new SourceRange(file, child.range[0], child.range[1]));
      recordYamlOrigins(child, value[index], file);
    });
  }
}

/** Records where the members of a value decoded from JSON text were written. */
export function recordJsonOrigins(value: Value, file: SourceFile): void {
  if (excessJsonNesting(file.text) !== undefined) return;
  const tree = parseTree(file.text);
  if (tree) walkJson(tree, value, file);
}

function walkJson(node: JsonNode, value: Value, file: SourceFile): void {
  if (node.type === "object" && isObject(value)) {
    for (const property of node.children ?? []) {
      const [keyNode, child] = property.children ?? [];
      if (!keyNode || !child || typeof keyNode.value !== "string" || !(keyNode.value in value)) continue;
      remember(value, keyNode.value, new SourceRange(file, child.offset, child.offset + child.length));
      walkJson(child, value[keyNode.value], file);
    }
  } else if (node.type === "array" && Array.isArray(value)) {
    (node.children ?? []).forEach((child, index) => {
      if (index >= value.length) return;
      remember(value, index, new SourceRange(file, child.offset, child.offset + child.length));
      walkJson(child, value[index], file);
    });
  }
}

/** Records where each record of a value decoded from CSV was written, and each of its fields. */
export function recordCsvOrigins(
  rows: readonly Value[],
  names: readonly string[],
  records: readonly CsvRecord[],
  file: SourceFile,
): void {
  records.forEach((record, index) => {
    remember(rows as Value, index, new SourceRange(file, record.start, record.end));
    record.fields.forEach((field, column) =>
      remember(rows[index], names[column], new SourceRange(file, field.start, field.end)),
    );
  });
}
