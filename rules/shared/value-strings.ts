/** Walking the strings a value holds, for rules that look for names or addresses anywhere in it. */
import type { ValuePath } from "../../src/model/nodes.js";
import { isObject, type Value } from "../../src/model/value.js";

/**
 * Every string in a value, with its path. With `intoJson`, a string holding JSON (`jsonencode`) is
 * walked into, so the path continues inside it and the engine can place a finding at the member.
 */
export function stringsIn(
  value: Value | undefined,
  options: { intoJson?: boolean } = {},
  path: ValuePath = [],
): [ValuePath, string][] {
  if (typeof value === "string") {
    const decoded = options.intoJson && /^\s*[[{]/.test(value) ? parseJson(value) : undefined;
    return decoded === undefined ? [[path, value]] : stringsIn(decoded, options, path);
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, options, [...path, index]));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => stringsIn(item, options, [...path, key]));
  return [];
}

/** JSON text as a value, or undefined when it is not JSON. */
export function parseJson(text: string): Value | undefined {
  try {
    return JSON.parse(text) as Value;
  } catch {
    return undefined;
  }
}
