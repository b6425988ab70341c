/**
 * A YAML file's `#` comments with their offsets, for suppressions: read from the YAML library's
 * concrete syntax tree, so a `#` inside a quoted or block scalar is never taken for one.
 */
import { yamlLibrary } from "../source/lazy-libraries.js";
import type { Comment } from "../source/source-file.js";

/** Deeper token nesting than this is not searched (a hostile file's nesting is bounded elsewhere). */
const MAX_DEPTH = 200;

export function yamlComments(text: string): Comment[] {
  const comments: Comment[] = [];
  const visit = (token: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || !token || typeof token !== "object") return;
    if (Array.isArray(token)) {
      for (const item of token) visit(item, depth + 1);
      return;
    }
    const record = token as { type?: string; offset?: number; source?: string };
    if (record.type === "comment" && typeof record.offset === "number" && typeof record.source === "string") {
      comments.push({ start: record.offset, end: record.offset + record.source.length, text: record.source });
      return;
    }
    for (const value of Object.values(record)) if (value && typeof value === "object") visit(value, depth + 1);
  };
  try {
    for (const token of new (yamlLibrary().Parser)().parse(text)) visit(token, 0);
  } catch {
    // The document's own parse reports the error.
  }
  return comments.sort((a, b) => a.start - b.start);
}
