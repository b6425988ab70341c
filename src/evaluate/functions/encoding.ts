/** jsonencode / jsondecode, base64, and numeric functions. */
import { containsUnknown, isObject, isUnknown, referencesOf, Unknown, type Value } from "../../model/value.js";
import { EvaluationError, fail } from "./errors.js";
import { toNumberValue, toStringValue } from "./convert.js";
import type { FunctionTable } from "./table.js";
import { MAX_NESTING, excessJsonNesting } from "../../parsers/nesting-guard.js";
import { recordCsvOrigins, recordJsonOrigins } from "../value-origins.js";
import { parseCsv } from "./csv.js";
import { decodeYaml } from "../decode-document.js";

/** Records csvdecode makes at most: a list longer than this is an error, not a value filling memory. */
const MAX_CSV_RECORDS = 100_000;

/** Terraform's JSON: object keys sorted, and <, >, & escaped as Go's encoder does. */
function terraformJson(value: Value): string {
  const sorted = (item: Value): unknown =>
    Array.isArray(item)
      ? item.map(sorted)
      : isObject(item)
        ? Object.fromEntries(
            Object.keys(item)
              .sort()
              .map((key) => [key, sorted(item[key])]),
          )
        : item;
  return JSON.stringify(sorted(value)).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function numbers(args: Value[], name: string): number[] | Value {
  const values = args.map(toNumberValue);
  return values.some((value) => value === undefined) || !values.length
    ? fail(`${name}: numbers are required`)
    : (values as number[]);
}

export const encodingFunctions: FunctionTable = {
  jsonencode: {
    handlesUnknown: true,
    // With some member unknown the text is unknown, but what it was given stays readable for rules.
    call: ([value]) => {
      if (!containsUnknown(value)) return terraformJson(value);
      if (value instanceof EvaluationError) return value;
      const known = isUnknown(value) ? undefined : ({ kind: "json", value } as const);
      return new Unknown("jsonencode(...)", referencesOf(value), known);
    },
  },
  jsondecode: {
    call: ([value], context) => {
      try {
        const text = String(toStringValue(value));
        if (excessJsonNesting(text) !== undefined)
          return fail(`jsondecode: nested more than ${MAX_NESTING} levels deep`);
        const decoded = JSON.parse(text) as Value;
        const file = context.fileOf?.(text);
        if (file) recordJsonOrigins(decoded, file);
        return decoded;
      } catch (error) {
        return fail(`jsondecode: ${(error as Error).message}`);
      }
    },
  },
  yamldecode: {
    call: ([value], context) => {
      const text = String(toStringValue(value));
      const decoded = decodeYaml(text, context.fileOf?.(text));
      return "value" in decoded ? decoded.value : fail(`yamldecode: ${decoded.error}`);
    },
  },
  // One object per record after the header, keyed by the header's names; every value a string.
  csvdecode: {
    call: ([value], context) => {
      const text = String(toStringValue(value));
      const records = parseCsv(text);
      if ("error" in records) return fail(`csvdecode: ${records.error}`);
      if (!records.length) return fail("csvdecode: missing header line");
      const [header, ...rows] = records;
      const names = header.fields.map((field) => field.value);
      if (rows.length > MAX_CSV_RECORDS) return fail(`csvdecode: more than ${MAX_CSV_RECORDS} records`);
      const decoded: Value[] = rows.map((row) =>
        Object.fromEntries(row.fields.map((field, index) => [names[index], field.value])),
      );
      const file = context.fileOf?.(text);
      if (file) recordCsvOrigins(decoded, names, rows, file);
      return decoded;
    },
  },
  base64encode: { call: ([value]) => Buffer.from(String(toStringValue(value)), "utf8").toString("base64") },
  base64decode: { call: ([value]) => Buffer.from(String(toStringValue(value)), "base64").toString("utf8") },
  max: {
    call: (args) => {
      const values = numbers(args, "max");
      return Array.isArray(values) ? Math.max(...(values as number[])) : values;
    },
  },
  min: {
    call: (args) => {
      const values = numbers(args, "min");
      return Array.isArray(values) ? Math.min(...(values as number[])) : values;
    },
  },
  abs: {
    call: ([value]) => {
      const number = toNumberValue(value);
      return number === undefined ? fail("abs: a number is required") : Math.abs(number);
    },
  },
  signum: { call: ([value]) => Math.sign(toNumberValue(value) ?? NaN) },
  log: { call: ([value, base]) => Math.log(toNumberValue(value) ?? NaN) / Math.log(toNumberValue(base) ?? NaN) },
  floor: { call: ([value]) => Math.floor(toNumberValue(value) ?? NaN) },
  ceil: { call: ([value]) => Math.ceil(toNumberValue(value) ?? NaN) },
  pow: { call: ([base, exponent]) => Math.pow(toNumberValue(base) ?? NaN, toNumberValue(exponent) ?? NaN) },
  parseint: {
    call: ([value, base]) => {
      const parsed = parseInt(String(toStringValue(value)), toNumberValue(base) ?? 10);
      return Number.isNaN(parsed) ? fail("parseint: cannot parse") : parsed;
    },
  },
};
