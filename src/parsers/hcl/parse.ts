/**
 * The HCL parser's entry points: whole files, and expressions or templates inside a region of a
 * file (Terraform JSON strings, `-var` values). Parsing never throws: syntax errors are
 * diagnostics, and the parser recovers to report the rest of the file.
 */
import type { Body, Diagnostic, Expression, HclFile } from "./ast.js";
import type { SourceFile } from "../../source/source-file.js";
import { HclParser } from "./body-parser.js";

/**
 * A whole file. With `lazyExpressions`, attributes whose expressions parse without error keep only
 * their offsets and parse again when read: every error is still reported, but the trees kept are
 * those something reads.
 */
export function parseHcl(file: SourceFile, options: { lazyExpressions?: boolean } = {}): HclFile {
  const parser = new HclParser(file, file.text, 0, file.text.length);
  parser.lazyExpressions = options.lazyExpressions ?? false;
  const body = guarded(
    parser,
    file,
    0,
    (): Body => parser.parseConfigFile(),
    (): Body => ({ kind: "Body", attributes: [], blocks: [], items: [], start: 0, end: file.text.length }),
  );
  const loneCarriageReturn = loneCarriageReturnAt(file.text);
  if (loneCarriageReturn >= 0) parser.diagnostics.unshift(loneCarriageReturnDiagnostic(file, loneCarriageReturn));
  return { file, body, diagnostics: parser.diagnostics, comments: parser.comments };
}

/** The first carriage return not followed by a line feed, or -1 (most files have no carriage return at all). */
function loneCarriageReturnAt(text: string): number {
  for (let at = text.indexOf("\r"); at >= 0; at = text.indexOf("\r", at + 1))
    if (text.charCodeAt(at + 1) !== 10) return at;
  return -1;
}

/**
 * Old Mac line endings. HashiCorp's scanner does not end a line at a lone CR: a `#` comment runs
 * on to the next LF (often the end of the file, silently taking every block with it), and a CR
 * elsewhere is an invalid character. Terraform would not read such a file as it looks, so say so
 * at the first one rather than guess which reading was meant.
 */
function loneCarriageReturnDiagnostic(file: SourceFile, offset: number): Diagnostic {
  return {
    severity: "error",
    summary: "Lone carriage return",
    detail:
      "This file ends lines with a carriage return alone (old Mac line endings). Terraform does not treat it as a line break, so a comment runs on past it and hides what follows; convert the file to LF or CRLF line endings.",
    file,
    start: offset,
    end: offset + 1,
  };
}

/** An expression filling `[start, end)` of the file; anything after it is an error. */
export function parseHclExpression(
  file: SourceFile,
  start: number,
  end: number,
): { expression: Expression; diagnostics: Diagnostic[] } {
  const parser = new HclParser(file, file.text, start, end);
  const expression = guarded(
    parser,
    file,
    start,
    () => parser.parseStandaloneExpression(),
    (): Expression => ({ kind: "Invalid", start, end }),
  );
  return { expression, diagnostics: parser.diagnostics };
}

/** A template (a JSON string's contents, without quotes or escapes) filling `[start, end)`. */
export function parseHclTemplate(
  file: SourceFile,
  start: number,
  end: number,
): { expression: Expression; diagnostics: Diagnostic[] } {
  const parser = new HclParser(file, file.text, start, end);
  const expression = guarded(
    parser,
    file,
    start,
    (): Expression => parser.parseRawTemplate(),
    (): Expression => ({ kind: "Invalid", start, end }),
  );
  return { expression, diagnostics: parser.diagnostics };
}

/**
 * Belt and braces: the parser is written not to throw (bounded nesting, no unchecked input), but
 * should a bug make it throw, the file gets a diagnostic instead of crashing the whole scan.
 */
function guarded<T>(parser: HclParser, file: SourceFile, start: number, parse: () => T, fallback: () => T): T {
  try {
    return parse();
  } catch (error) {
    const at = Math.min(Math.max(parser.pos, start), file.text.length);
    parser.diagnostics.push({
      severity: "error",
      summary: "Internal parser error",
      detail: `The parser failed here (${error instanceof Error ? error.message : String(error)}); please report this input.`,
      file,
      start: at,
      end: at,
    });
    return fallback();
  }
}
