/**
 * One estate, one verdict, measured: the corpus's top-level directories scanned together (as
 * `iflint scan A B C`) and one by one must give the same findings, one for one. Each directory
 * stands for a repository checkout: the corpus sits inside iflint's own repository, which would
 * otherwise make it one estate, so each gets a `.git` for the comparison (removed afterwards).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { scanInParallel } from "../src/parallel/scan-parallel.js";
import { isWithin } from "../src/source/repository.js";
import type { Finding } from "../src/engine/finding.js";

export interface EquivalenceComparison {
  directories: number;
  together: number;
  apart: number;
  secondsTogether: number;
  secondsApart: number;
  /** Findings one side has and the other has not (at most ten), as `together only: ...` lines. */
  differences: string[];
}

/** Everything a finding says, as one comparable line. */
export function describeFinding(finding: Finding): string {
  const at = (range: Finding["range"]) => `${range.file.path}:${range.start.line}:${range.start.column}`;
  return [
    finding.ruleId,
    finding.severity,
    at(finding.range),
    finding.message,
    `certainty=${finding.certainty ?? ""} ${finding.certaintyReason ?? ""}`,
    `resource=${finding.resource ?? ""}`,
    `root=${finding.root ?? ""}`,
    `suppressed=${finding.suppressed}`,
    ...finding.related.map((item) => `related ${at(item.range)} ${item.message}`),
    ...finding.trace.map((item) => `trace ${at(item.range)} ${item.message}`),
  ].join(" | ");
}

/** Lines in `a` that `b` lacks, counting repeats. */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const left = counts.get(line) ?? 0;
    counts.set(line, left - 1);
    return left <= 0;
  });
}

/** Scans `directory`'s top-level directories together, then each alone, and compares the findings. */
export async function compareTogetherAndApart(directory: string, cwd: string): Promise<EquivalenceComparison> {
  const directories = readdirSync(directory)
    .sort()
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isDirectory())
    .map((path) => relative(cwd, path));
  const markers = directories.map((path) => join(cwd, path, ".git")).filter((marker) => !existsSync(marker));
  for (const marker of markers) mkdirSync(marker);
  try {
    return await compare(directories, cwd);
  } finally {
    for (const marker of markers) rmSync(marker, { recursive: true, force: true });
  }
}

async function compare(directories: readonly string[], cwd: string): Promise<EquivalenceComparison> {
  let started = performance.now();
  const together = (await scanInParallel({ paths: directories, cwd })).findings.map(describeFinding);
  const secondsTogether = (performance.now() - started) / 1000;
  started = performance.now();
  const apart: string[] = [];
  for (const path of directories) {
    // A scan reads nothing outside what it is asked to scan: a directory that calls a module in
    // another is scanned with it, and keeps the findings of its own root modules.
    const callees = calledDirectories(path, directories, cwd);
    const result = await scanInParallel({ paths: [path, ...callees], cwd });
    const own = result.findings.filter((finding) => isWithin(path, finding.root ?? dirname(finding.range.file.path)));
    apart.push(...own.map(describeFinding));
  }
  const secondsApart = (performance.now() - started) / 1000;
  return {
    directories: directories.length,
    together: together.length,
    apart: apart.length,
    secondsTogether,
    secondsApart,
    differences: [
      ...missingFrom(together, apart).map((line) => `together only: ${line}`),
      ...missingFrom(apart, together).map((line) => `apart only: ${line}`),
    ].slice(0, 10),
  };
}

/** The other top-level directories whose modules the `.tf` files under `directory` call (`source = "../x"`). */
function calledDirectories(directory: string, directories: readonly string[], cwd: string): string[] {
  const called = new Set<string>();
  const visit = (absolute: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = join(absolute, entry.name);
      if (entry.isDirectory() && entry.name !== ".git") visit(path);
      else if (entry.name.endsWith(".tf"))
        for (const match of readFileSync(path, "utf8").matchAll(/\bsource\s*=\s*"(\.\.?\/[^"]*)"/g)) {
          const target = relative(cwd, resolve(absolute, match[1])).split("\\").join("/");
          const owner = directories.find((other) => other !== directory && isWithin(other, target));
          if (owner) called.add(owner);
        }
    }
  };
  visit(join(cwd, directory));
  return [...called];
}
