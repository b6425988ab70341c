/** Reads a file as text for parsing; unreadable files and invalid UTF-8 become diagnostics. */
import { SourceFile, SourceRange, decodeSource } from "./source-file.js";
import { readRegularFile, type ReadBoundary, type Refusal } from "./read-boundary.js";
import type { ReadAhead } from "./read-ahead.js";

export type DiagnosticKind = "module-not-found" | "file-not-found" | "file-encrypted" | Refusal["kind"];

export interface DiagnosticSink {
  diagnostics: { range: SourceRange; summary: string; detail: string; kind?: string }[];
}

const REFUSAL_SUMMARY: Record<Refusal["kind"], string> = {
  "outside-scan": "File outside the scan",
  "special-file": "Not a regular file",
  "file-too-large": "File too large",
};

/** A refused read as a warning at the place that asked for it (or the file itself). */
export function refusalDiagnostic(
  refusal: Refusal,
  range: SourceRange,
): { range: SourceRange; summary: string; detail: string; kind: DiagnosticKind } {
  return { range, summary: REFUSAL_SUMMARY[refusal.kind], detail: refusal.detail, kind: refusal.kind };
}

const GIT_CRYPT_HEADER = Buffer.from("\0GITCRYPT\0", "latin1");

/** git-crypt stores encrypted files with this header: bytes, not text, until `git-crypt unlock`. */
export function isGitCryptFile(bytes: Buffer): boolean {
  // The first byte first: a source file never starts with NUL, and a subarray is an object.
  return bytes[0] === 0 && bytes.subarray(0, GIT_CRYPT_HEADER.length).equals(GIT_CRYPT_HEADER);
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

/**
 * Reads a file for parsing. With a boundary, a path whose real location is outside it is refused;
 * a special file is always refused. Refusals are warnings at `referrer` (the place that named the
 * file) or at the file itself.
 */
export function readSourceFile(
  sink: DiagnosticSink,
  absolutePath: string,
  shownPath: string,
  boundary?: ReadBoundary,
  referrer?: SourceRange,
  /** Where the file may already have been read (only a file read without a boundary: discovery checked it). */
  ahead?: ReadAhead,
): SourceFile | undefined {
  let bytes: Buffer;
  const refuse = (refusal: Refusal) => {
    sink.diagnostics.push(
      refusalDiagnostic(refusal, referrer ?? new SourceRange(new SourceFile(shownPath, "", absolutePath), 0, 0)),
    );
    return undefined;
  };
  try {
    let path = absolutePath;
    if (boundary) {
      const resolution = boundary.resolve(absolutePath, shownPath);
      if ("refusal" in resolution) return refuse(resolution.refusal);
      if ("real" in resolution) path = resolution.real;
    }
    const readAlready = boundary ? undefined : ahead?.take(path);
    if (readAlready) bytes = readAlready;
    else {
      const read = readRegularFile(path, shownPath);
      if ("refusal" in read) return refuse(read.refusal);
      bytes = read.bytes;
    }
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
  const file = new SourceFile(shownPath, decoded.text, absolutePath, decoded.bomBytes, decoded.ascii);
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
