/**
 * Documents held as text in a value (an OpenAPI body, often `templatefile()` of a YAML file), decoded
 * for rules, with where their members were written: rules walk the document, and the engine finds
 * the file and line of what they point at.
 */
import { decodeDocument } from "../evaluate/decode-document.js";
import { originOf } from "../evaluate/value-origins.js";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import type { Estate } from "../model/estate.js";
import type { WrittenText } from "../model/model-node.js";
import type { ValuePath } from "../model/nodes.js";
import { Unknown, type Value } from "../model/value.js";

/** Stands for a value not known here inside a decoded document's strings. */
export const UNKNOWN_IN_DOCUMENT = "\uE000";

export interface TextDocument {
  /** The decoded document; each value interpolated into the text and not known is `UNKNOWN_IN_DOCUMENT` in its string. */
  readonly value: Value;
  /**
   * Where `text` was written inside the member at `path`, in the file the document was read or
   * rendered from; undefined when the text was not read from a file, or the member's text is not in
   * the file as written (it came from an interpolated value).
   */
  writtenAt(path: ValuePath, text: string): WrittenText | undefined;
}

/**
 * The document a value holds as text: a string, or a template's fixed text with its unknown parts;
 * undefined when the value holds no JSON or YAML document.
 */
export function textDocument(estate: Estate, value: Value | undefined): TextDocument | undefined {
  let text: string;
  if (typeof value === "string") text = value;
  else if (value instanceof Unknown && value.known?.kind === "text")
    text = value.known.parts.map((part) => (typeof part === "string" ? part : UNKNOWN_IN_DOCUMENT)).join("");
  else return undefined;
  const decoded = decodeDocument(text);
  if (decoded === undefined || decoded === null || typeof decoded !== "object") return undefined;
  const source = estate.textSources.get(value as string | Unknown);
  return {
    value: decoded,
    writtenAt(path, wanted) {
      if (!source) return undefined;
      const written = writtenDocument(source.file);
      const range = written === undefined ? undefined : originOf(written, path);
      if (!range) return undefined;
      const at = range.text.toLowerCase().indexOf(wanted.toLowerCase());
      if (at < 0) return undefined;
      const start = range.startOffset + at;
      return { kind: "text", range: new SourceRange(range.file, start, start + wanted.length) };
    },
  };
}

/** A file's text decoded once with where its members were written (a template's own text: its interpolations are text too). */
function writtenDocument(file: SourceFile): Value | undefined {
  if (!decodedFiles.has(file)) decodedFiles.set(file, decodeDocument(file.text, file));
  return decodedFiles.get(file);
}

const decodedFiles = new WeakMap<SourceFile, Value | undefined>();
