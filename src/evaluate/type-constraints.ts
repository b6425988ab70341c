/**
 * Terraform variable type constraints (`list(string)`, `object({...})`, `optional(T, default)`)
 * and the conversion Terraform applies to a value assigned to a typed variable.
 */
import type { Expression } from "../parsers/hcl/ast.js";
import { Unknown, isObject, isUnknown, type Value, type ValueObject } from "../model/value.js";
import { ExpressionEvaluator, referenceOnlyScope } from "./expression.js";

export type TypeConstraint =
  | { kind: "any" }
  | { kind: "string" | "number" | "bool" }
  | { kind: "list" | "set" | "map"; element: TypeConstraint }
  | { kind: "tuple"; elements: TypeConstraint[] }
  | { kind: "object"; attributes: Map<string, { type: TypeConstraint; optional: boolean; default?: Value }> };

const ANY: TypeConstraint = { kind: "any" };

/** Reads a type expression; anything unrecognised is `any` (convert nothing rather than guess). */
export function parseTypeConstraint(expression: Expression | undefined, sourceText: string): TypeConstraint {
  if (!expression) return ANY;
  if (expression.kind === "Variable") {
    if (expression.name === "string" || expression.name === "number" || expression.name === "bool")
      return { kind: expression.name };
    return ANY;
  }
  if (expression.kind === "Literal" && expression.value === null) return ANY;
  if (expression.kind !== "FunctionCall") return ANY;
  const [first, second] = expression.args;
  switch (expression.name) {
    case "list":
    case "set":
    case "map":
      return { kind: expression.name, element: parseTypeConstraint(first, sourceText) };
    case "tuple":
      return first?.kind === "Tuple"
        ? { kind: "tuple", elements: first.items.map((item) => parseTypeConstraint(item, sourceText)) }
        : ANY;
    case "object": {
      if (first?.kind !== "Object") return ANY;
      const attributes = new Map<string, { type: TypeConstraint; optional: boolean; default?: Value }>();
      for (const item of first.items) {
        if (item.key.kind !== "Literal" || typeof item.key.value !== "string") return ANY;
        const value = item.value;
        if (value.kind === "FunctionCall" && value.name === "optional") {
          const defaultValue = value.args[1] ? literalValue(value.args[1], sourceText) : undefined;
          attributes.set(item.key.value, {
            type: parseTypeConstraint(value.args[0], sourceText),
            optional: true,
            default: defaultValue,
          });
        } else {
          attributes.set(item.key.value, { type: parseTypeConstraint(value, sourceText), optional: false });
        }
      }
      return { kind: "object", attributes };
    }
    default:
      void second;
      return ANY;
  }
}

function literalValue(expression: Expression, sourceText: string): Value {
  const module = { directory: "", address: "", root: "" };
  return new ExpressionEvaluator(referenceOnlyScope(module), sourceText).evaluate(expression);
}

/** Converts a value to a type as Terraform does on assignment; a failed conversion is unknown. */
export function convertToType(value: Value, type: TypeConstraint): Value {
  if (isUnknown(value)) return convertUnknown(value, type);
  if (value === null || type.kind === "any") return value;
  switch (type.kind) {
    case "string":
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      return mismatch(value, "string");
    case "number":
      if (typeof value === "number") return value;
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
      return mismatch(value, "number");
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === "true") return true;
      if (value === "false") return false;
      return mismatch(value, "bool");
    case "list":
    case "set": {
      if (!Array.isArray(value)) return mismatch(value, type.kind);
      const items = value.map((item) => convertToType(item, type.element));
      return type.kind === "set" ? dedupe(items) : items;
    }
    case "tuple":
      if (!Array.isArray(value) || value.length !== type.elements.length) return mismatch(value, "tuple");
      return value.map((item, index) => convertToType(item, type.elements[index]));
    case "map": {
      if (!isObject(value)) return mismatch(value, "map");
      const result: ValueObject = {};
      for (const [key, item] of Object.entries(value)) result[key] = convertToType(item, type.element);
      return result;
    }
    case "object": {
      if (!isObject(value)) return mismatch(value, "object");
      const result: ValueObject = {};
      for (const [name, attribute] of type.attributes) {
        if (Object.prototype.hasOwnProperty.call(value, name) && value[name] !== null)
          result[name] = convertToType(value[name], attribute.type);
        else if (attribute.optional)
          result[name] = attribute.default !== undefined ? convertToType(attribute.default, attribute.type) : null;
        else return new Unknown(`attribute "${name}" is required`);
      }
      return result;
    }
  }
}

/**
 * An unknown stays unknown. The known values of a map whose keys are not known are converted as its
 * elements would be (optional attributes filled in); as another type, which keys it has decides the
 * result, so nothing of it is known.
 */
function convertUnknown(value: Unknown, type: TypeConstraint): Value {
  if (value.known?.kind !== "values" || type.kind === "any") return value;
  if (type.kind !== "map") return new Unknown(value.reason, value.references);
  const values = value.known.values.map((item) => convertToType(item, type.element));
  return new Unknown(value.reason, value.references, { kind: "values", values });
}

function mismatch(value: Value, wanted: string): Unknown {
  return new Unknown(`${JSON.stringify(value)} is not a ${wanted}`);
}

function dedupe(items: Value[]): Value[] {
  const seen = new Set<string>();
  const result: Value[] = [];
  for (const item of items) {
    const key = isUnknown(item) ? `?${result.length}` : JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(item);
  }
  // Terraform orders sets of strings lexically.
  return result.every((item) => typeof item === "string") ? (result as string[]).sort() : result;
}
