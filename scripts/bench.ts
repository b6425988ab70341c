/**
 * `npm run bench`: iflint's whole job (discovery, parsing, evaluation, rules, JSON report) against
 * HashiCorp's native HCL parser parsing the same files and nothing else, alternately, in fresh
 * processes, on a generated corpus and on a real one (`IFLINT_BENCH_CORPUS=DIR`). Figures, never
 * assertions. Settings: IFLINT_BENCH_MB (generated corpus size, default 34), IFLINT_BENCH_ROUNDS
 * (default 3), IFLINT_BENCH_SIZES (memory rows, default 8,34,136), IFLINT_BENCH_HCL2JSON=0 (skip the
 * WebAssembly reference), IFLINT_BENCH_FILE_COUNTS (file-count rows).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../src/package-root.js";
import { generateCorpus } from "./bench-corpus.js";
import { compareTogetherAndApart } from "./bench-equivalence.js";
import { fileCountRows, fileCounts } from "./bench-file-count.js";
import { anchorBinary, runAnchor, type AnchorRun } from "./bench-anchor.js";
import { coldStart } from "./bench-cold-start.js";
import type { ScanOnceFigures } from "./bench-scan-once.js";

const root = packageRoot();
const megabytes = Number(process.env.IFLINT_BENCH_MB ?? 34);
const rounds = Math.max(1, Number(process.env.IFLINT_BENCH_ROUNDS ?? 3));
const results: Record<string, unknown> = {};

const line = (label: string, value: string, target = "") =>
  process.stdout.write(`${label.padEnd(34)} ${value.padEnd(22)} ${target}\n`.replace(/ +\n$/, "\n"));
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mbOf = (bytes: number) => bytes / 1024 / 1024;

/** A whole iflint scan of `directory` in a fresh process. */
function scanOnce(directory: string): ScanOnceFigures {
  const output = execFileSync(process.execPath, [join(root, "dist", "scripts", "bench-scan-once.js"), directory], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output) as ScanOnceFigures;
}

const anchor = anchorBinary(root);
if ("skipped" in anchor) line("anchor", anchor.skipped);

/** iflint and the anchor alternately, `rounds` times each; medians of each. */
function compare(label: string, directory: string): ScanOnceFigures {
  const scans: ScanOnceFigures[] = [];
  const parses: AnchorRun[] = [];
  for (let round = 0; round < rounds; round++) {
    scans.push(scanOnce(directory));
    if ("path" in anchor) parses.push(runAnchor(anchor.path, directory));
  }
  const seconds = median(scans.map((scan) => scan.seconds));
  const megabytesRead = mbOf(scans[0].bytes);
  const digests = new Set(scans.map((scan) => scan.digest));
  line(`${label}`, `${scans[0].files} files, ${megabytesRead.toFixed(1)} MB`, directory);
  line(
    "iflint whole job (median)",
    `${seconds.toFixed(2)} s, ${(megabytesRead / seconds).toFixed(1)} MB/s`,
    `rounds: ${scans.map((scan) => scan.seconds.toFixed(2)).join(", ")} s`,
  );
  const cpuSeconds = median(scans.map((scan) => scan.cpuSeconds));
  line("  CPU time (median)", `${cpuSeconds.toFixed(2)} s`, "user + system, all threads");
  const peak = Math.max(...scans.map((scan) => scan.peakRssMegabytes));
  line("  peak RSS", `${peak} MB`, "target ≤ 600 MB at 34 MB, ≤ 1 GB at 136 MB");
  for (const phase of Object.keys(scans[0].phases)) {
    const milliseconds = median(scans.map((scan) => scan.phases[phase] ?? 0));
    const share = (100 * milliseconds) / 1000 / seconds;
    const rate = milliseconds > 0 ? `${(megabytesRead / (milliseconds / 1000)).toFixed(1)} MB/s` : "";
    line(`  ${phase}`, `${(milliseconds / 1000).toFixed(2)} s ${share.toFixed(0).padStart(3)}%`, rate);
  }
  line(
    "  findings",
    `${scans[0].findings} (digest ${scans[0].digest})`,
    digests.size > 1 ? `DIFFERENT between rounds: ${[...digests].join(" ")}` : "",
  );
  process.stdout.write(scans[0].slowestRules);
  const figures: Record<string, unknown> = { iflint: scans };
  if (parses.length) {
    const anchorSeconds = median(parses.map((parse) => parse.seconds));
    line(
      "HashiCorp HCL native, parse only",
      `${anchorSeconds.toFixed(2)} s, ${(mbOf(parses[0].bytes) / anchorSeconds).toFixed(1)} MB/s`,
      `rounds: ${parses.map((parse) => parse.seconds.toFixed(2)).join(", ")} s; peak RSS ${Math.max(...parses.map((parse) => parse.peakRssMegabytes))} MB`,
    );
    const anchorCpu = median(parses.map((parse) => parse.cpuSeconds));
    if (anchorCpu > 0) line("  CPU time (median)", `${anchorCpu.toFixed(2)} s`);
    line(
      "ratio iflint / native parse",
      `${(seconds / anchorSeconds).toFixed(2)}x`,
      "wall time; target ≤ 0.5x (aim 0.25x)",
    );
    if (anchorCpu > 0)
      line("ratio in CPU time", `${(cpuSeconds / anchorCpu).toFixed(2)}x`, "steadier on a busy machine");
    figures.anchor = parses;
    figures.ratio = seconds / anchorSeconds;
  }
  results[label] = figures;
  return scans[0];
}

const cold = coldStart(root);
line(
  "cold start: scan of the example",
  `${(median(cold.scans) * 1000).toFixed(0)} ms wall`,
  `median of ${cold.scans.length}; node -e 0: ${(median(cold.nodes) * 1000).toFixed(0)} ms; target <= 200 ms`,
);
results.coldStart = { seconds: median(cold.scans), nodeSeconds: median(cold.nodes), ...cold };

const corpus = generateCorpus(root, megabytes);
const generated = compare("generated corpus", corpus.directory);
if (process.env.IFLINT_BENCH_CORPUS) compare("real corpus", resolve(process.env.IFLINT_BENCH_CORPUS));

if (process.env.IFLINT_BENCH_HCL2JSON !== "0") {
  // The same parser compiled to WebAssembly (@cdktf/hcl2json): a second, slower reference.
  const child = JSON.parse(
    execFileSync(process.execPath, [join(root, "dist", "scripts", "bench-hcl2json.js"), corpus.directory], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }),
  ) as { files: number; bytes: number; seconds: number };
  line(
    "hcl2json (WebAssembly) parse only",
    `${child.seconds.toFixed(2)} s, ${mbOf(child.bytes / child.seconds).toFixed(1)} MB/s`,
  );
  results.hcl2json = child;
}

// One estate, one verdict: the corpus's directories together and one by one; a difference fails the bench.
const equivalence = await compareTogetherAndApart(corpus.directory, root);
line(
  "together / apart (findings)",
  `${equivalence.together} / ${equivalence.apart}`,
  `${equivalence.directories} directories, ${equivalence.secondsTogether.toFixed(1)} s / ${equivalence.secondsApart.toFixed(1)} s, ${equivalence.differences.length ? `DIFFERENT: ${equivalence.differences[0]}` : "the same"}`,
);
results.equivalence = equivalence;
if (equivalence.differences.length) process.exitCode = 1;

// How memory and time grow with input: one scan per size, each in a fresh process, no grouping.
const sizes = (process.env.IFLINT_BENCH_SIZES ?? "8,34,136")
  .split(",")
  .map((size) => Number(size.trim()))
  .filter((size) => size > 0);
const sizeRows = sizes.map((size) => {
  const figures = size === megabytes ? generated : scanOnce(generateCorpus(root, size).directory);
  line(
    `size: ${size} MB generated`,
    `${figures.seconds.toFixed(2)} s`,
    `peak RSS ${figures.peakRssMegabytes} MB (${(figures.peakRssMegabytes / mbOf(figures.bytes)).toFixed(1)} per MB read)`,
  );
  return { megabytes: size, ...figures };
});
results.sizes = sizeRows;

// How the scan grows with the number of files: each row a fresh process.
const rows = fileCountRows(root, fileCounts());
for (const row of rows) {
  line(
    `files: ${row.files.toLocaleString("en-GB")} small files`,
    `${row.seconds.toFixed(2)} s`,
    `peak RSS ${row.peakRssMegabytes} MB`,
  );
}
if (rows.length > 1) {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const growth = last.seconds / first.seconds / (last.files / first.files);
  line("  time per file, largest / smallest", `${growth.toFixed(2)}x`, "1.00x is linear");
}
results.fileCounts = rows;

mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(join(root, ".bench", "results.json"), JSON.stringify(results, null, 2));
