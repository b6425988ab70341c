/** Findings as they cross from a worker thread: plain data, ranges as offsets into named files. */
import { SourceRange, type SourceFile } from "../source/source-file.js";
import type { Finding } from "../engine/finding.js";

interface SerializedRange {
  path: string;
  absolutePath: string;
  start: number;
  end: number;
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

/** Rebuilds findings, reading each file once (offsets refer to its decoded text, as in the worker). */
export function deserializeFindings(
  findings: readonly SerializedFinding[],
  readFile: (path: string, absolutePath: string) => SourceFile,
): Finding[] {
  const cache = new Map<string, SourceFile>();
  const range = (serialized: SerializedRange) => {
    let file = cache.get(serialized.absolutePath);
    if (!file) {
      file = readFile(serialized.path, serialized.absolutePath);
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
