/**
 * Baselines: record today's findings once, then gate only on new ones. The file is sorted JSON
 * (diff-friendly); entries match by fingerprint, so moved lines do not break it and a changed
 * value does.
 */
import { writeFileSync } from "node:fs";
import { readRegularFile } from "../source/read-boundary.js";
import type { Finding } from "./finding.js";
import { fingerprint } from "./fingerprint.js";

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  resource?: string;
  file: string;
  message: string;
}

export interface BaselineOutcome {
  /** Findings not in the baseline: the ones to report. */
  findings: Finding[];
  /** Findings the baseline already knew. */
  known: number;
  /** Baseline entries no longer found: fixed since it was written. */
  fixed: number;
}

export class BaselineError extends Error {}

export function writeBaseline(path: string, findings: readonly Finding[]): number {
  const entries: BaselineEntry[] = findings
    .filter((finding) => !finding.suppressed && finding.category !== "parse-error")
    .map((finding) => ({
      fingerprint: fingerprint(finding),
      ruleId: finding.ruleId,
      ...(finding.resource ? { resource: finding.resource } : {}),
      file: finding.range.file.path,
      message: finding.message,
    }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  writeFileSync(path, `${JSON.stringify({ version: 1, tool: "iflint", findings: entries }, null, 2)}\n`);
  return entries.length;
}

export function readBaseline(path: string): BaselineEntry[] {
  let read;
  try {
    // A FIFO or device named as the baseline would block or never end: only regular files are read.
    read = readRegularFile(path, path);
  } catch (error) {
    throw new BaselineError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if ("refusal" in read) throw new BaselineError(read.refusal.detail);
  let data: { version?: number; findings?: BaselineEntry[] } | undefined;
  try {
    data = JSON.parse(read.bytes.toString("utf8")) as typeof data;
  } catch {
    // The parser's message quotes the text: say only what is wrong.
    throw new BaselineError(`${path}: is not JSON; expected an iflint baseline (version 1)`);
  }
  if (data?.version !== 1 || !Array.isArray(data.findings))
    throw new BaselineError(`${path}: expected an iflint baseline (version 1)`);
  return data.findings;
}

/** Drops findings the baseline knows, matching each entry at most once (duplicates count). */
export function applyBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[]): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const entry of entries) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  let known = 0;
  for (const finding of findings) {
    const key = fingerprint(finding);
    const count = remaining.get(key) ?? 0;
    if (count > 0 && !finding.suppressed) {
      remaining.set(key, count - 1);
      known++;
    } else kept.push(finding);
  }
  const fixed = [...remaining.values()].reduce((total, count) => total + count, 0);
  return { findings: kept, known, fixed };
}
