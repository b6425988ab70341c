/**
 * A quick pre-pass for splitting a scan: which directories are called as local modules, found with
 * a pattern over the source rather than a parse, so the main thread stays cheap.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DiscoveredFile } from "../parsers/discover-files.js";

const LOCAL_SOURCE = /\bsource\s*=\s*"(\.{1,2}\/[^"$]*)"/g;

export function calledDirectoriesByPattern(files: readonly DiscoveredFile[]): Set<string> {
  const called = new Set<string>();
  for (const file of files) {
    if (file.kind !== "hcl") continue;
    let text: string;
    try {
      text = readFileSync(file.absolutePath, "utf8");
    } catch {
      continue;
    }
    if (!text.includes("source")) continue;
    const directory = dirname(file.absolutePath);
    for (const match of text.matchAll(LOCAL_SOURCE)) {
      const target = resolve(directory, match[1]);
      if (target !== directory) called.add(target);
    }
  }
  return called;
}
