/**
 * JSON or YAML text decoded as Terraform's `jsondecode`/`yamldecode` decode it, with where each
 * member was written when the text is a file's (value-origins). Shared by those functions and by
 * rules that read a document held as text (an OpenAPI body).
 */
import { yamlLibrary } from "../source/lazy-libraries.js";
import {
  MAX_NESTING,
  excessJsonNesting,
  excessYamlNesting,
  valueNestingExceeds,
  yamlErrorSummary,
} from "../parsers/nesting-guard.js";
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
  const yaml = decodeYaml(text, file);
  return "value" in yaml ? yaml.value : undefined;
}

/**
 * One YAML document as Terraform's `yamldecode` reads it, or why it is not one: several documents,
 * a syntax error, or nesting past the limit. Aliases can expand a small document into an enormous
 * value: yaml bounds that (maxAliasCount).
 */
export function decodeYaml(text: string, file?: SourceFile): { value: Value } | { error: string } {
  if (excessYamlNesting(text) !== undefined) return { error: `nested more than ${MAX_NESTING} levels deep` };
  const documents = yamlLibrary().parseAllDocuments(text);
  if (documents.length !== 1) return { error: `expected one YAML document, found ${documents.length}` };
  const [document] = documents;
  if (document.errors.length) return { error: yamlErrorSummary(document.errors[0]) };
  const decoded = fromYaml(document.toJS({ maxAliasCount: 1000 }));
  if (valueNestingExceeds(decoded)) return { error: `nested more than ${MAX_NESTING} levels deep` };
  if (file) recordYamlOrigins(document.contents, decoded, file);
  return { value: decoded };
}
