/** Terraform's automatic conversions between primitive types. */
import { isObject, type Value } from "../../model/value.js";

export function toStringValue(value: Value): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return undefined;
}

export function toNumberValue(value: Value): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function toBoolValue(value: Value): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function isCollection(value: Value): value is Value[] {
  return Array.isArray(value);
}

export function isMap(value: Value): value is Record<string, Value> {
  return isObject(value);
}

/** A key equal for equal values (object attributes in any order): sets hash by it, in linear time. */
export function canonicalKey(value: Value): string {
  return JSON.stringify(value, (_key, inner: Value) =>
    isObject(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((name) => [name, inner[name]]),
        )
      : inner,
  );
}

/** Set semantics over equal values, keeping first occurrences. */
export function distinctValues(items: readonly Value[]): Value[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = canonicalKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
