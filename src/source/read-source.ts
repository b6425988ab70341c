/** Reads a file as text for parsing; unreadable files and invalid UTF-8 become diagnostics. */
import { readFileSync } from "node:fs";
import { SourceFile, SourceRange, decodeSource } from "./source-file.js";

export interface DiagnosticSink {
  diagnostics: { range: SourceRange; summary: string; detail: string; kind?: string }[];
}

const GIT_CRYPT_HEADER = Buffer.from("\0GITCRYPT\0", "latin1");

/** git-crypt stores encrypted files with this header: bytes, not text, until `git-crypt unlock`. */
export function isGitCryptFile(bytes: Buffer): boolean {
  return bytes.subarray(0, GIT_CRYPT_HEADER.length).equals(GIT_CRYPT_HEADER);
}

export function encryptedFileDiagnostic(file: SourceFile): {
  range: SourceRange;
  summary: string;
  detail: string;
  kind: "file-encrypted";
} {
  return {
    range: new SourceRange(file, 0, 0),
    summary: "Encrypted file",
    detail:
      "The file is encrypted with git-crypt, so it is not read; scan a decrypted checkout (git-crypt unlock) to check it.",
    kind: "file-encrypted",
  };
}

export function readSourceFile(sink: DiagnosticSink, absolutePath: string, shownPath: string): SourceFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    const file = new SourceFile(shownPath, "", absolutePath);
    sink.diagnostics.push({
      range: new SourceRange(file, 0, 0),
      summary: "Unreadable file",
      detail: `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    });
    return undefined;
  }
  if (isGitCryptFile(bytes)) {
    sink.diagnostics.push(encryptedFileDiagnostic(new SourceFile(shownPath, "", absolutePath)));
    return undefined;
  }
  const decoded = decodeSource(bytes);
  const file = new SourceFile(shownPath, decoded.text, absolutePath, decoded.bomBytes);
  if (decoded.invalidUtf8At !== undefined) {
    const at = decoded.invalidUtf8At;
    sink.diagnostics.push({
      range: new SourceRange(file, at, at + 1),
      summary: "Invalid UTF-8",
      detail: "Expected UTF-8 text, but found a byte sequence that is not valid UTF-8.",
    });
  }
  return file;
}
