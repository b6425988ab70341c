/** Reads a file as text for parsing; unreadable files and invalid UTF-8 become diagnostics. */
import { readFileSync } from "node:fs";
import { SourceFile, SourceRange, decodeSource } from "./source-file.js";

export interface DiagnosticSink {
  diagnostics: { range: SourceRange; summary: string; detail: string }[];
}

export function readSourceFile(sink: DiagnosticSink, absolutePath: string, shownPath: string): SourceFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    const file = new SourceFile(shownPath, "", absolutePath);
    sink.diagnostics.push({ range: new SourceRange(file, 0, 0), summary: "Unreadable file", detail: `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).` });
    return undefined;
  }
  const decoded = decodeSource(bytes);
  const file = new SourceFile(shownPath, decoded.text, absolutePath, decoded.bomBytes);
  if (decoded.invalidUtf8At !== undefined) {
    const at = decoded.invalidUtf8At;
    sink.diagnostics.push({ range: new SourceRange(file, at, at + 1), summary: "Invalid UTF-8", detail: "Expected UTF-8 text, but found a byte sequence that is not valid UTF-8." });
  }
  return file;
}
