/**
 * `npm run bench`: a full iflint scan (parse, model, evaluate, rules, JSON report) of a generated
 * corpus, against HashiCorp's parser parsing the same files alone. Figures, never assertions.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scanInParallel } from "../src/parallel/scan-parallel.js";
import { renderJson } from "../src/reporters/json.js";
import { packageRoot } from "../src/package-root.js";
import { generateCorpus } from "./bench-corpus.js";
import { ruleTimingTable } from "../src/cli/rule-timing.js";
import { fileCountRows, fileCounts } from "./bench-file-count.js";
import { compareTogetherAndApart } from "./bench-equivalence.js";

const root = packageRoot();
const megabytes = Number(process.env.IFLINT_BENCH_MB ?? 25);
const corpus = generateCorpus(root, megabytes);
const mb = corpus.bytes / 1024 / 1024;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const started = performance.now();
const result = await scanInParallel({ paths: [corpus.directory], cwd: root });
const report = renderJson(result);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

const child = JSON.parse(
  execFileSync(process.execPath, [join(root, "dist", "scripts", "bench-hcl2json.js"), corpus.directory], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  }),
) as { files: number; bytes: number; seconds: number };
const oracleRate = child.bytes / 1024 / 1024 / child.seconds;
const rate = mb / seconds;

const figures = {
  corpus: { files: corpus.files, megabytes: Number(mb.toFixed(1)) },
  iflint: {
    seconds: Number(seconds.toFixed(2)),
    megabytesPerSecond: Number(rate.toFixed(1)),
    filesPerSecond: Math.round(corpus.files / seconds),
    peakRssMegabytes: Math.round(peakRss / 1024 / 1024),
    findings: result.findings.length,
    reportBytes: report.length,
  },
  hcl2json: { seconds: Number(child.seconds.toFixed(2)), megabytesPerSecond: Number(oracleRate.toFixed(1)) },
  ratio: Number((rate / oracleRate).toFixed(2)),
};
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(join(root, ".bench", "results.json"), JSON.stringify(figures, null, 2));
const line = (label: string, value: string, target = "") =>
  process.stdout.write(`${label.padEnd(34)} ${value.padEnd(16)} ${target}\n`);
line("corpus", `${corpus.files} files, ${mb.toFixed(1)} MB`);
line("iflint full scan", `${seconds.toFixed(2)} s`);
line("  throughput", `${rate.toFixed(1)} MB/s`, "target ≥ 20 MB/s");
line("  files per second", `${Math.round(corpus.files / seconds)}`);
line("  peak RSS", `${Math.round(peakRss / 1024 / 1024)} MB`, "target < 1 GB at 35 MB");
line("  findings", `${result.findings.length}`);
line("hcl2json parse alone", `${child.seconds.toFixed(2)} s, ${oracleRate.toFixed(1)} MB/s`);
process.stdout.write(ruleTimingTable(result.outcomes, "5") ?? "");
line("ratio (iflint whole job / hcl2json parse)", `${(rate / oracleRate).toFixed(2)}x`, "target ≥ 2x");

// One estate, one verdict: the corpus's directories together and one by one; a difference fails the bench.
const equivalence = await compareTogetherAndApart(corpus.directory, root);
line(
  "together / apart (findings)",
  `${equivalence.together} / ${equivalence.apart}`,
  `${equivalence.directories} directories, ${equivalence.secondsTogether.toFixed(1)} s / ${equivalence.secondsApart.toFixed(1)} s, ${equivalence.differences.length ? `DIFFERENT: ${equivalence.differences[0]}` : "the same"}`,
);
if (equivalence.differences.length) process.exitCode = 1;

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
writeFileSync(join(root, ".bench", "results.json"), JSON.stringify({ ...figures, fileCounts: rows }, null, 2));
