/** Findings as they cross from a worker thread: plain data, ranges as offsets into named files. */
import { SourceFile, SourceRange } from "../source/source-file.js";
import type { Finding } from "../engine/finding.js";

interface SerializedRange {
  path: string;
  absolutePath: string;
  start: number;
  end: number;
  /**
   * The worker did not read the file (a link out of the scan, a special file, one that could not be
   * read): its finding is at its start, and the file must not be read for it here either.
   */
  unread?: true;
}

export interface SerializedFinding extends Omit<Finding, "range" | "trace" | "related"> {
  range: SerializedRange;
  trace: { range: SerializedRange; message: string }[];
  related: { range: SerializedRange; message: string }[];
}

function serializeRange(range: SourceRange): SerializedRange {
  return {
    path: range.file.path,
    absolutePath: range.file.absolutePath,
    start: range.startOffset,
    end: range.endOffset,
    ...(range.file.text === "" ? { unread: true as const } : {}),
  };
}

export function serializeFinding(finding: Finding): SerializedFinding {
  return {
    ...finding,
    range: serializeRange(finding.range),
    trace: finding.trace.map((item) => ({ range: serializeRange(item.range), message: item.message })),
    related: finding.related.map((item) => ({ range: serializeRange(item.range), message: item.message })),
  };
}

/**
 * Rebuilds findings, reading each file the worker read once (offsets refer to its decoded text, as
 * in the worker); a file the worker did not read is not read here either.
 */
export function deserializeFindings(
  findings: readonly SerializedFinding[],
  readFile: (path: string, absolutePath: string) => SourceFile,
): Finding[] {
  const cache = new Map<string, SourceFile>();
  const range = (serialized: SerializedRange) => {
    let file = cache.get(serialized.absolutePath);
    if (!file) {
      file = serialized.unread
        ? new SourceFile(serialized.path, "", serialized.absolutePath)
        : readFile(serialized.path, serialized.absolutePath);
      cache.set(serialized.absolutePath, file);
    }
    return new SourceRange(file, serialized.start, serialized.end);
  };
  return findings.map((finding) => ({
    ...finding,
    range: range(finding.range),
    trace: finding.trace.map((item) => ({ range: range(item.range), message: item.message })),
    related: finding.related.map((item) => ({ range: range(item.range), message: item.message })),
  }));
}
