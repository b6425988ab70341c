/**
 * JSON or YAML text decoded as Terraform's `jsondecode`/`yamldecode` decode it, with where each
 * member was written when the text is a file's (value-origins). Shared by those functions and by
 * rules that read a document held as text (an OpenAPI body).
 */
import { yamlLibrary } from "../source/lazy-libraries.js";
import { MAX_NESTING, excessJsonNesting, excessYamlNesting, valueNestingExceeds } from "../parsers/nesting-guard.js";
import type { SourceFile } from "../source/source-file.js";
import type { Value } from "../model/value.js";
import { recordJsonOrigins, recordYamlOrigins } from "./value-origins.js";

/** YAML values as Terraform's: numbers, strings, bools, null, lists and maps (dates stay strings under the core schema). */
export function fromYaml(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(fromYaml);
  if (value instanceof Map)
    return Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), fromYaml(item)]));
  if (typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromYaml(item)]));
  return String(value);
}

/**
 * The document a text holds: JSON when it starts as JSON and parses, else one YAML document;
 * undefined when it is neither, or nested past the limit. With `file` (the text is that file's),
 * its members remember where they were written.
 */
export function decodeDocument(text: string, file?: SourceFile): Value | undefined {
  if (/^\s*[[{]/.test(text) && excessJsonNesting(text) === undefined) {
    try {
      const decoded = JSON.parse(text) as Value;
      if (file) recordJsonOrigins(decoded, file);
      return decoded;
    } catch {
      // Not JSON after all: YAML's flow style reads more (unquoted values).
    }
  }
  if (excessYamlNesting(text) !== undefined) return undefined;
  const documents = yamlLibrary().parseAllDocuments(text);
  if (documents.length !== 1 || documents[0].errors.length) return undefined;
  const decoded = fromYaml(documents[0].toJS({ maxAliasCount: 1000 }));
  if (valueNestingExceeds(decoded, MAX_NESTING)) return undefined;
  if (file) recordYamlOrigins(documents[0].contents, decoded, file);
  return decoded;
}
