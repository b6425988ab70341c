/** Collection functions. Structural ones work on lists whose elements are unknown, as Terraform's do. */
import { isUnknown, type Value, type ValueObject } from "../../model/value.js";
import { fail } from "./errors.js";
import { canonicalKey, distinctValues, isMap, toBoolValue, toNumberValue, toStringValue } from "./convert.js";
import type { FunctionTable } from "./table.js";

/** Ranges longer than this end with an error rather than exhausting memory. */
const MAX_RANGE = 1_048_576;

function list(value: Value, name: string): Value[] | Value {
  if (Array.isArray(value)) return value;
  return fail(`${name}: a list or set is required`);
}

const isNullOrEmpty = (value: Value) => value === null || value === "" || (Array.isArray(value) && value.length === 0);

export const collectionFunctions: FunctionTable = {
  length: {
    shallow: true,
    call: ([value]) => {
      if (typeof value === "string") return Array.from(value).length;
      if (Array.isArray(value)) return value.length;
      if (isMap(value)) return Object.keys(value).length;
      return fail("length: a string, list, set or map is required");
    },
  },
  concat: {
    shallow: true,
    call: (args) => {
      const result: Value[] = [];
      for (const arg of args) {
        if (!Array.isArray(arg)) return fail("concat: all arguments must be lists or tuples");
        result.push(...arg);
      }
      return result;
    },
  },
  tolist: {
    shallow: true,
    call: ([value]) => (Array.isArray(value) ? value : fail("tolist: a list or set is required")),
  },
  toset: {
    call: ([value]) =>
      Array.isArray(value) ? sortSet(distinctValues(value)) : fail("toset: a list or set is required"),
  },
  tomap: { shallow: true, call: ([value]) => (isMap(value) ? value : fail("tomap: an object or map is required")) },
  merge: {
    shallow: true,
    call: (args) => {
      const result: ValueObject = {};
      for (const arg of args) {
        if (arg === null) continue;
        if (!isMap(arg)) return fail("merge: arguments must be maps or objects");
        Object.assign(result, arg);
      }
      return result;
    },
  },
  keys: {
    shallow: true,
    call: ([value]) => (isMap(value) ? Object.keys(value).sort() : fail("keys: a map or object is required")),
  },
  values: {
    shallow: true,
    call: ([value]) =>
      isMap(value)
        ? Object.keys(value)
            .sort()
            .map((key) => value[key])
        : fail("values: a map or object is required"),
  },
  lookup: {
    shallow: true,
    call: ([map, key, fallback]) => {
      if (!isMap(map)) return fail("lookup: a map is required");
      if (isUnknown(key)) return key;
      const name = toStringValue(key);
      if (name === undefined) return fail("lookup: the key must be a string");
      if (Object.prototype.hasOwnProperty.call(map, name)) return map[name];
      return fallback !== undefined ? fallback : fail(`lookup: the key "${name}" does not exist in the map`);
    },
  },
  element: {
    shallow: true,
    call: ([values, index]) => {
      const items = list(values, "element");
      if (!Array.isArray(items)) return items;
      if (isUnknown(index)) return index;
      const position = toNumberValue(index);
      if (position === undefined || !Number.isInteger(position))
        return fail("element: the index must be a whole number");
      if (position < 0) return fail("element: the index must not be negative");
      if (!items.length) return fail("element: cannot use element function with an empty list");
      return items[position % items.length];
    },
  },
  flatten: {
    shallow: true,
    call: ([value]) => {
      if (!Array.isArray(value)) return fail("flatten: a list, set or tuple is required");
      const result: Value[] = [];
      const walk = (items: Value[]): Value | undefined => {
        for (const item of items) {
          if (isUnknown(item)) return item;
          if (Array.isArray(item)) {
            const inner = walk(item);
            if (inner) return inner;
          } else result.push(item);
        }
        return undefined;
      };
      return walk(value) ?? result;
    },
  },
  distinct: {
    call: ([value]) => (Array.isArray(value) ? distinctValues(value) : fail("distinct: a list is required")),
  },
  coalesce: {
    handlesUnknown: true,
    call: (args) => {
      for (const arg of args) {
        if (isUnknown(arg)) return arg;
        if (arg !== null && arg !== "") return arg;
      }
      return fail("coalesce: no non-null, non-empty-string arguments");
    },
  },
  coalescelist: {
    handlesUnknown: true,
    call: (args) => {
      for (const arg of args) {
        if (isUnknown(arg)) return arg;
        if (!Array.isArray(arg)) return fail("coalescelist: arguments must be lists or tuples");
        if (arg.length) return arg;
      }
      return fail("coalescelist: no non-empty list or tuple arguments");
    },
  },
  compact: {
    call: ([value]) =>
      Array.isArray(value)
        ? value.filter((item) => !isNullOrEmpty(item) && typeof item === "string")
        : fail("compact: a list of strings is required"),
  },
  contains: {
    shallow: true,
    call: ([values, wanted]) => {
      if (!Array.isArray(values)) return fail("contains: a list or set is required");
      if (isUnknown(wanted)) return wanted;
      const key = JSON.stringify(wanted);
      if (values.some((item) => !isUnknown(item) && JSON.stringify(item) === key)) return true;
      const unknown = values.find(isUnknown);
      return unknown ?? false;
    },
  },
  zipmap: {
    call: ([keys, values]) => {
      if (!Array.isArray(keys) || !Array.isArray(values)) return fail("zipmap: two lists are required");
      if (keys.length !== values.length) return fail("zipmap: the number of keys and values must be equal");
      const result: ValueObject = {};
      keys.forEach((key, index) => {
        result[String(toStringValue(key))] = values[index];
      });
      return result;
    },
  },
  range: {
    call: (args) => {
      const numbers = args.map(toNumberValue);
      if (numbers.some((number) => number === undefined) || !args.length || args.length > 3)
        return fail("range: one to three numbers are required");
      const [a, b, c] = numbers as number[];
      const [start, end, step] = args.length === 1 ? [0, a, 1] : [a, b, args.length === 3 ? c : start0(a, b)];
      if (step === 0) return fail("range: the step must not be zero");
      if ((end - start) / step > MAX_RANGE) return fail(`range: more than ${MAX_RANGE} elements`);
      const result: number[] = [];
      for (let value = start; step > 0 ? value < end : value > end; value += step) result.push(value);
      return result;
    },
  },
  slice: {
    shallow: true,
    call: ([values, from, to]) => {
      if (!Array.isArray(values)) return fail("slice: a list is required");
      const start = toNumberValue(from);
      const end = toNumberValue(to);
      if (start === undefined || end === undefined)
        return isUnknown(from) ? from : isUnknown(to) ? to : fail("slice: indexes must be numbers");
      if (start < 0 || end > values.length || start > end) return fail("slice: index out of range");
      return values.slice(start, end);
    },
  },
  index: {
    call: ([values, wanted]) => {
      if (!Array.isArray(values)) return fail("index: a list is required");
      const at = values.findIndex((item) => JSON.stringify(item) === JSON.stringify(wanted));
      return at < 0 ? fail("index: the item is not in the list") : at;
    },
  },
  sort: {
    call: ([values]) =>
      Array.isArray(values) && values.every((item) => typeof item === "string" || typeof item === "number")
        ? values.map(String).sort()
        : fail("sort: a list of strings is required"),
  },
  chunklist: {
    call: ([values, size]) => {
      const length = toNumberValue(size);
      if (!Array.isArray(values) || length === undefined || length < 0)
        return fail("chunklist: a list and a size are required");
      if (length === 0) return [values];
      const chunks: Value[] = [];
      for (let at = 0; at < values.length; at += length) chunks.push(values.slice(at, at + length));
      return chunks;
    },
  },
  reverse: {
    shallow: true,
    call: ([values]) => (Array.isArray(values) ? [...values].reverse() : fail("reverse: a list is required")),
  },
  one: {
    shallow: true,
    call: ([values]) => {
      if (!Array.isArray(values)) return fail("one: a list or set is required");
      if (values.length > 1) return fail("one: must be a list, set, or tuple value with either zero or one elements");
      return values.length ? values[0] : null;
    },
  },
  alltrue: {
    call: ([values]) =>
      Array.isArray(values)
        ? values.every((item) => toBoolValue(item) === true)
        : fail("alltrue: a list of booleans is required"),
  },
  anytrue: {
    call: ([values]) =>
      Array.isArray(values)
        ? values.some((item) => toBoolValue(item) === true)
        : fail("anytrue: a list of booleans is required"),
  },
  sum: {
    call: ([values]) => {
      if (!Array.isArray(values) || !values.length) return fail("sum: a non-empty list of numbers is required");
      const numbers = values.map(toNumberValue);
      return numbers.some((number) => number === undefined)
        ? fail("sum: every element must be a number")
        : (numbers as number[]).reduce((a, b) => a + b, 0);
    },
  },
  setunion: {
    call: (args) =>
      args.every(Array.isArray)
        ? sortSet(distinctValues((args as Value[][]).flat()))
        : fail("setunion: sets are required"),
  },
  setintersection: {
    call: (args) => {
      if (!args.every(Array.isArray) || !args.length) return fail("setintersection: sets are required");
      const [first, ...rest] = args as Value[][];
      const others = rest.map((other) => new Set(other.map(canonicalKey)));
      return sortSet(distinctValues(first.filter((item) => others.every((other) => other.has(canonicalKey(item))))));
    },
  },
  // Every combination of one element from each list, the first list's element changing slowest.
  setproduct: {
    shallow: true,
    call: (args) => {
      if (!args.length || !args.every(Array.isArray)) return fail("setproduct: at least one list or set is required");
      const lists = args as Value[][];
      const size = lists.reduce((product, items) => product * items.length, 1);
      if (size > MAX_RANGE) return fail(`setproduct: more than ${MAX_RANGE} combinations`);
      let product: Value[][] = [[]];
      for (const items of lists) product = product.flatMap((prefix) => items.map((item) => [...prefix, item]));
      return product;
    },
  },
  // The values whose key, at the same index, is one of the searched keys.
  matchkeys: {
    call: ([values, keys, searched]) => {
      if (!Array.isArray(values) || !Array.isArray(keys) || !Array.isArray(searched))
        return fail("matchkeys: three lists are required");
      if (values.length !== keys.length) return fail("matchkeys: the values and keys lists must be the same length");
      const wanted = new Set(searched.map(canonicalKey));
      return values.filter((_, index) => wanted.has(canonicalKey(keys[index])));
    },
  },
  // A map of lists of strings turned inside out, each new list in the order of the keys.
  transpose: {
    call: ([map]) => {
      if (!isMap(map)) return fail("transpose: a map of lists of strings is required");
      const result = new Map<string, string[]>();
      for (const key of Object.keys(map).sort()) {
        const items = map[key];
        if (!Array.isArray(items) || !items.every((item) => typeof item === "string"))
          return fail("transpose: a map of lists of strings is required");
        for (const item of items as string[]) {
          const keys = result.get(item);
          if (keys) keys.push(key);
          else result.set(item, [key]);
        }
      }
      return Object.fromEntries(result);
    },
  },
  setsubtract: {
    call: ([a, b]) => {
      if (!Array.isArray(a) || !Array.isArray(b)) return fail("setsubtract: sets are required");
      const removed = new Set(b.map(canonicalKey));
      return sortSet(distinctValues(a.filter((item) => !removed.has(canonicalKey(item)))));
    },
  },
};

function start0(a: number, b: number): number {
  return b >= a ? 1 : -1;
}

/** Terraform orders sets of strings lexically and sets of numbers numerically. */
function sortSet(values: Value[]): Value[] {
  if (values.every((value) => typeof value === "string")) return [...(values as string[])].sort();
  if (values.every((value) => typeof value === "number")) return [...(values as number[])].sort((a, b) => a - b);
  return values;
}
