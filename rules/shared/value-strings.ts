/** Walking the strings a value holds, for rules that look for names or addresses anywhere in it. */
import type { ValuePath } from "../../src/model/nodes.js";
import { isObject, Unknown, type Value } from "../../src/model/value.js";

/** Stands for an unknown part of a template in the strings `stringsIn` yields with `intoKnown`. */
export const UNKNOWN_PART = "\u0000";

/**
 * Every string in a value, with its path. With `intoJson`, a string holding JSON (`jsonencode`) is
 * walked into, so the path continues inside it and the engine can place a finding at the member.
 * With `intoKnown`, an unknown value yields what is known of it: the structure jsonencode was
 * given, and a template's text with `UNKNOWN_PART` for each unknown interpolation (a conditional's
 * results are left to the caller, which alone knows whether one result is enough).
 */
export function stringsIn(
  value: Value | undefined,
  options: { intoJson?: boolean; intoKnown?: boolean } = {},
  path: ValuePath = [],
): [ValuePath, string][] {
  if (typeof value === "string") {
    const decoded = options.intoJson && /^\s*[[{]/.test(value) ? parseJson(value) : undefined;
    return decoded === undefined ? [[path, value]] : stringsIn(decoded, options, path);
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, options, [...path, index]));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => stringsIn(item, options, [...path, key]));
  if (value instanceof Unknown && options.intoKnown && value.known) {
    const known = value.known;
    if (known.kind === "json") return stringsIn(known.value, options, path);
    if (known.kind === "text")
      return [[path, known.parts.map((part) => (typeof part === "string" ? part : UNKNOWN_PART)).join("")]];
  }
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
