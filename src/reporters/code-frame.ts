/** Renders the source lines of a range with a gutter and a caret underline, Biome-style. */
import type { SourceRange } from "../source/source-file.js";

export interface Palette {
  dim(text: string): string;
  marker(text: string): string;
}

const CONTEXT_LINES = 1;
/** Lines longer than this are shown as a window around the range (minified or generated input). */
const MAX_SHOWN_WIDTH = 160;

export function codeFrame(range: SourceRange, palette: Palette): string {
  const file = range.file;
  const start = range.start;
  const end = range.end;
  const lastLine = Math.min(end.line, start.line + 4);
  const first = Math.max(1, start.line - CONTEXT_LINES);
  const last = Math.min(file.lineCount, lastLine + CONTEXT_LINES);
  const gutterWidth = String(last).length;
  // One window for every line of the frame, so context lines stay aligned with the caret line.
  const windowStart = windowOffset(file.lineText(start.line), start.column - 1);
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const full = file.lineText(line);
    const inRange = line >= start.line && line <= lastLine;
    const from = line === start.line ? start.column - 1 : 0;
    const to = line === end.line ? end.column - 1 : full.length;
    const offset = windowStart;
    const text = full.length > MAX_SHOWN_WIDTH || offset > 0 ? full.slice(offset, offset + MAX_SHOWN_WIDTH) : full;
    const gutter = `${inRange ? palette.marker(">") : " "} ${palette.dim(String(line).padStart(gutterWidth))} | `;
    out.push(`${gutter}${text}`.trimEnd());
    if (inRange) {
      const caretStart = Math.max(0, from - offset);
      const caretEnd = Math.max(caretStart + 1, Math.min(text.length, to - offset));
      // Keep tabs so the caret lines up under tab-indented code.
      const padding = text.slice(0, caretStart).replace(/[^\t]/g, " ");
      out.push(
        `  ${" ".repeat(gutterWidth)} ${palette.dim("|")} ${padding}${palette.marker("^".repeat(caretEnd - caretStart))}`,
      );
    }
  }
  return out.join("\n");
}

function windowOffset(line: string, focus: number): number {
  if (line.length <= MAX_SHOWN_WIDTH || focus < MAX_SHOWN_WIDTH - 20) return 0;
  return Math.max(0, Math.min(focus - 20, line.length - MAX_SHOWN_WIDTH));
}
