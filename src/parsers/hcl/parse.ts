/** The HCL parser's entry points: whole files, and expressions or templates inside a region. */
import type { Diagnostic, Expression, HclFile } from "./ast.js";
import type { SourceFile } from "../source-file.js";
import { HclSyntaxParser } from "./syntax-parser.js";

export function parseHcl(file: SourceFile): HclFile {
  const parser = new HclSyntaxParser(file, file.text, 0, file.text.length);
  const body = parser.parseConfigFile();
  return { file, body, diagnostics: parser.diagnostics, comments: parser.comments };
}

/** An expression in `[start, end)` of the file; anything after it is an error. */
export function parseHclExpression(file: SourceFile, start: number, end: number): { expression: Expression; diagnostics: Diagnostic[] } {
  const parser = new HclSyntaxParser(file, file.text, start, end);
  const expression = parser.parseStandaloneExpression();
  return { expression, diagnostics: parser.diagnostics };
}

/** A template (a JSON string's contents) in `[start, end)` of the file. */
export function parseHclTemplate(file: SourceFile, start: number, end: number): { expression: Expression; diagnostics: Diagnostic[] } {
  const parser = new HclSyntaxParser(file, file.text, start, end);
  const expression = parser.parseRawTemplate();
  return { expression, diagnostics: parser.diagnostics };
}
