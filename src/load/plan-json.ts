/** Reading `terraform show -json` documents: the nodes at a path, as strings, lists and properties. */
import type { Node as JsonNode } from "jsonc-parser";

export function nodeAt(node: JsonNode | undefined, path: readonly (string | number)[]): JsonNode | undefined {
  let current = node;
  for (const step of path) {
    if (!current) return undefined;
    if (current.type === "array" && typeof step === "number") current = current.children?.[step];
    else if (current.type === "object")
      current = current.children?.find((property) => property.children?.[0]?.value === String(step))?.children?.[1];
    else return undefined;
  }
  return current;
}

export function stringAt(node: JsonNode | undefined, path: readonly (string | number)[]): string | undefined {
  const found = nodeAt(node, path);
  return typeof found?.value === "string" ? found.value : undefined;
}

export function arrayAt(node: JsonNode | undefined, path: readonly (string | number)[]): JsonNode[] {
  const found = nodeAt(node, path);
  return found?.type === "array" ? (found.children ?? []) : [];
}

export function properties(node: JsonNode | undefined): [string, JsonNode][] {
  return propertiesWithNode(node).map(([name, value]) => [name, value]);
}

/** An object's properties: name, value node, and the whole property node (for ranges). */
export function propertiesWithNode(node: JsonNode | undefined): [string, JsonNode, JsonNode][] {
  if (node?.type !== "object") return [];
  const result: [string, JsonNode, JsonNode][] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) result.push([String(key.value), value, property]);
  }
  return result;
}
