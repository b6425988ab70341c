/** String functions, with Terraform's semantics and errors. */
import type { Value } from "../../model/value.js";
import { fail } from "./errors.js";
import { toBoolValue, toNumberValue, toStringValue } from "./convert.js";
import type { FunctionTable, TerraformFunction } from "./table.js";
import { regex, regexall, replaceRegex } from "./regex.js";
import { MAX_STRING_LENGTH } from "../budget.js";
import { posix } from "node:path";

function text(value: Value, name: string): string | Value {
  const result = toStringValue(value);
  return result === undefined ? fail(`${name}: a string is required`) : result;
}

/** A function of one string: an argument that is not one (a list, a map) is Terraform's error. */
function ofText(name: string, transform: (value: string) => Value): TerraformFunction {
  return {
    call: ([value]) => {
      const source = text(value, name);
      return typeof source === "string" ? transform(source) : source;
    },
  };
}

/** Terraform's format verbs: %s %d %f %.Nf %q %v %t %%. */
function formatString(spec: string, args: Value[]): Value {
  let index = 0;
  let error: Value | undefined;
  const result = spec.replace(
    /%([-+ 0#]*)(\d+)?(\.\d+)?([sdfqvt%])/g,
    (_whole, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
      if (verb === "%") return "%";
      const pad = (formatted: string) => {
        const size = Number(width ?? 0);
        if (formatted.length >= size) return formatted;
        if (size > MAX_STRING_LENGTH) {
          error ??= fail(`format: a width of more than ${MAX_STRING_LENGTH} characters`);
          return formatted;
        }
        if (flags.includes("-")) return formatted.padEnd(size);
        return flags.includes("0") && verb !== "s" && verb !== "q"
          ? formatted.replace(/^(-?)/, (sign) => sign + "0".repeat(size - formatted.length))
          : formatted.padStart(size);
      };
      return pad(formatOne(verb, precision));
    },
  );
  return error ?? result;

  function formatOne(verb: string, precision: string | undefined): string {
    if (index >= args.length) {
      error ??= fail("format: not enough arguments for the format string");
      return "";
    }
    const arg = args[index++];
    switch (verb) {
      case "s":
      case "v": {
        const value = toStringValue(arg);
        if (value !== undefined) return value;
        if (verb === "v") return JSON.stringify(arg);
        error ??= fail("format: %s needs a string");
        return "";
      }
      case "q":
        return JSON.stringify(toStringValue(arg) ?? "");
      case "t": {
        const flag = toBoolValue(arg);
        if (flag === undefined) error ??= fail("format: %t needs a bool");
        return String(flag);
      }
      case "d": {
        const number = toNumberValue(arg);
        if (number === undefined || !Number.isInteger(number)) error ??= fail("format: %d needs a whole number");
        return String(number);
      }
      default: {
        const number = toNumberValue(arg);
        if (number === undefined) error ??= fail("format: %f needs a number");
        return precision ? (number ?? 0).toFixed(Number(precision.slice(1))) : (number ?? 0).toFixed(6);
      }
    }
  }
}

/** Go's path cleaning (Terraform's paths are Go's): `.` for nothing, no trailing slash but the root's. */
function cleanPath(path: string): string {
  if (path === "") return ".";
  const cleaned = posix.normalize(path);
  return cleaned.length > 1 && cleaned.endsWith("/") ? cleaned.slice(0, -1) : cleaned;
}

/** Go's `filepath.Dir`: everything before the last slash, cleaned. */
function directoryOf(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf("/") + 1));
}

/** Go's `filepath.Base`: the last element, trailing slashes ignored; `.` for nothing, `/` for the root. */
function baseOf(path: string): string {
  if (path === "") return ".";
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** Go's `url.QueryEscape`: letters, digits and `-_.~` kept, spaces as `+`, the rest percent-encoded UTF-8. */
function queryEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, "+")
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const stringFunctions: FunctionTable = {
  dirname: ofText("dirname", directoryOf),
  basename: ofText("basename", baseOf),
  urlencode: ofText("urlencode", queryEscape),
  chomp: { call: ([value]) => String(toStringValue(value)).replace(/(\r\n|\n|\r)+$/, "") },
  strrev: { call: ([value]) => [...String(toStringValue(value))].reverse().join("") },
  indent: {
    call: ([spaces, value]) =>
      String(toStringValue(value)).replace(/\n/g, `\n${" ".repeat(toNumberValue(spaces) ?? 0)}`),
  },
  format: {
    call: ([spec, ...args]) => {
      const pattern = text(spec, "format");
      return typeof pattern === "string" ? formatString(pattern, args) : pattern;
    },
  },
  formatlist: {
    call: ([spec, ...args]) => {
      const pattern = text(spec, "formatlist");
      if (typeof pattern !== "string") return pattern;
      const lengths = args.filter(Array.isArray).map((arg) => (arg as Value[]).length);
      if (new Set(lengths).size > 1) return fail("formatlist: all list arguments must have the same length");
      const count = lengths[0] ?? 1;
      return Array.from({ length: count }, (_, index) =>
        formatString(
          pattern,
          args.map((arg) => (Array.isArray(arg) ? arg[index] : arg)),
        ),
      );
    },
  },
  join: {
    call: ([separator, ...lists]) => {
      const items = lists.flatMap((item) => (Array.isArray(item) ? item : [item]));
      const parts = items.map(toStringValue);
      if (parts.some((part) => part === undefined)) return fail("join: list elements must be strings");
      const length = (parts as string[]).reduce((total, part) => total + part.length, 0);
      if (length + (parts.length - 1) * String(toStringValue(separator)).length > MAX_STRING_LENGTH)
        return fail(`join: a string longer than ${MAX_STRING_LENGTH} characters`);
      return parts.join(String(toStringValue(separator)));
    },
  },
  split: {
    call: ([separator, value]) => {
      const source = toStringValue(value);
      const by = toStringValue(separator);
      if (source === undefined || by === undefined) return fail("split: strings are required");
      return source === "" ? [] : source.split(by);
    },
  },
  lower: ofText("lower", (value) => value.toLowerCase()),
  upper: ofText("upper", (value) => value.toUpperCase()),
  title: { call: ([value]) => String(toStringValue(value)).replace(/\b\p{L}/gu, (letter) => letter.toUpperCase()) },
  trimspace: { call: ([value]) => String(toStringValue(value)).trim() },
  trim: {
    call: ([value, cutset]) => {
      const chars = [...String(toStringValue(cutset))];
      let result = String(toStringValue(value));
      while (result && chars.includes(result[0])) result = result.slice(1);
      while (result && chars.includes(result[result.length - 1])) result = result.slice(0, -1);
      return result;
    },
  },
  trimprefix: {
    call: ([value, prefix]) => {
      const source = String(toStringValue(value));
      const start = String(toStringValue(prefix));
      return source.startsWith(start) ? source.slice(start.length) : source;
    },
  },
  trimsuffix: {
    call: ([value, suffix]) => {
      const source = String(toStringValue(value));
      const end = String(toStringValue(suffix));
      return end && source.endsWith(end) ? source.slice(0, -end.length) : source;
    },
  },
  replace: {
    call: ([value, search, replacement]) => {
      const source = toStringValue(value);
      const find = toStringValue(search);
      const by = toStringValue(replacement);
      if (source === undefined || find === undefined || by === undefined) return fail("replace: strings are required");
      if (find.length > 1 && find.startsWith("/") && find.endsWith("/"))
        return replaceRegex(find.slice(1, -1), source, by);
      return source.split(find).join(by);
    },
  },
  regex: { call: ([pattern, value]) => regex(String(toStringValue(pattern)), String(toStringValue(value))) },
  regexall: { call: ([pattern, value]) => regexall(String(toStringValue(pattern)), String(toStringValue(value))) },
  startswith: { call: ([value, prefix]) => String(toStringValue(value)).startsWith(String(toStringValue(prefix))) },
  endswith: { call: ([value, suffix]) => String(toStringValue(value)).endsWith(String(toStringValue(suffix))) },
  strcontains: { call: ([value, part]) => String(toStringValue(value)).includes(String(toStringValue(part))) },
  substr: {
    call: ([value, offsetValue, lengthValue]) => {
      const characters = Array.from(String(toStringValue(value)));
      let offset = toNumberValue(offsetValue) ?? 0;
      const length = toNumberValue(lengthValue) ?? -1;
      if (offset < 0) offset = Math.max(0, characters.length + offset);
      if (offset > characters.length) return fail("substr: offset out of range");
      return characters.slice(offset, length < 0 ? undefined : offset + length).join("");
    },
  },
  tostring: {
    call: ([value]) => (value === null ? null : (toStringValue(value) ?? fail("tostring: cannot convert to string"))),
  },
  tonumber: {
    call: ([value]) =>
      value === null
        ? null
        : (toNumberValue(value) ?? fail(`tonumber: cannot convert ${JSON.stringify(value)} to number`)),
  },
  tobool: {
    call: ([value]) =>
      value === null ? null : (toBoolValue(value) ?? fail(`tobool: cannot convert ${JSON.stringify(value)} to bool`)),
  },
};
