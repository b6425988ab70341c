/**
 * A record's name as octoDNS makes it from a zone file's key. octoDNS reads YAML with PyYAML, which
 * resolves plain scalars by YAML 1.1: `null:`, `~:` or an empty key is None; `on:`, `yes:`,
 * `true:`... are booleans (but not `y:` or `n:`); `010:` is octal, `1_000:` and `1:30:`
 * (sexagesimal) are integers, `1.10:` and `2.0:` floats. octoDNS then names the record
 * `str(key).lower()`: "none", "true", "8", "1000", "90", "1.1", "2.0".
 */
import { yamlLibrary } from "../../source/lazy-libraries.js";

const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INTEGER =
  /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** The record name of a zone file's key; undefined for a key that is not a scalar. */
export function octodnsRecordName(key: unknown): string | undefined {
  if (!yamlLibrary().isScalar(key)) return undefined;
  const { value, source, type, tag } = key as { value: unknown; source?: string; type?: string; tag?: string };
  // Quoted, block and `!!str` scalars are strings as written.
  const plain = type === "PLAIN" && tag !== "tag:yaml.org,2002:str" && typeof source === "string";
  const name = plain ? pythonStr(source) : value === null || value === undefined ? "" : String(value);
  return name.toLowerCase();
}

/** `str()` of the value PyYAML's safe loader makes of a plain scalar. */
function pythonStr(source: string): string {
  if (NULL.test(source)) return "None";
  if (BOOLEAN.test(source)) return /^(?:yes|true|on)$/i.test(source) ? "True" : "False";
  if (FLOAT.test(source)) return pythonFloat(yamlFloat(source));
  if (INTEGER.test(source)) return yamlInteger(source).toString();
  // Timestamps: a date (`2024-01-31`) prints as written; strings are themselves.
  return source;
}

function yamlInteger(source: string): bigint {
  const text = source.replace(/_/g, "");
  const sign = text.startsWith("-") ? -1n : 1n;
  const digits = text.replace(/^[-+]/, "");
  if (digits.includes(":")) return sign * digits.split(":").reduce((total, part) => total * 60n + BigInt(part), 0n);
  if (digits.startsWith("0b")) return sign * BigInt(digits);
  if (digits.startsWith("0x")) return sign * BigInt(digits);
  // A leading zero is octal in YAML 1.1.
  if (digits.length > 1 && digits.startsWith("0")) return sign * BigInt(`0o${digits.slice(1)}`);
  return sign * BigInt(digits);
}

function yamlFloat(source: string): number {
  const text = source.replace(/_/g, "").toLowerCase();
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.replace(/^[-+]/, "");
  if (digits === ".inf") return sign * Infinity;
  if (digits === ".nan") return NaN;
  if (digits.includes(":")) return sign * sexagesimal(digits.split(":").map(Number));
  return sign * Number(digits);
}

/** Base-60 digits, most significant first (`1:30.5` is 90.5), summed from the least significant as PyYAML does. */
function sexagesimal(parts: number[]): number {
  let total = 0;
  let base = 1;
  for (const part of parts.reverse()) {
    total += part * base;
    base *= 60;
  }
  return total;
}

/** Python's `repr` of a float: the shortest digits that round-trip, fixed notation from 1e-4 to 1e16. */
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  // Where the decimal point falls after the first `point` digits.
  const point = exponent + 1;
  if (point > 16 || point < -3) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const power = `${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
    return `${sign}${digits[0]}${fraction}e${power}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
