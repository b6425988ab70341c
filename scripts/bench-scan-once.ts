/**
 * One whole scan (discovery, parsing, evaluation, rules, JSON report) in its own process, for the
 * bench, so its peak RSS is its own. It scans as `iflint scan` does (`scanInParallel`: on this
 * machine's cores, one thread; a repository's estate is let go once its findings are out) and
 * renders the JSON report. The estate is scanned as one, with no grouping, which is what the issue's
 * memory targets ask of it. Prints one JSON line: seconds, peak RSS, the time of each phase and a
 * digest of the findings (identical findings, identical digest).
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { scanInParallel } from "../src/parallel/scan-parallel.js";
import { renderJson } from "../src/reporters/json.js";
import { inPhase, phaseMilliseconds, startPhaseClock } from "../src/source/phase-clock.js";
import { ruleTimingTable } from "../src/cli/rule-timing.js";
import { useScanJitSettings } from "../src/jit-settings.js";

export interface ScanOnceFigures {
  seconds: number;
  /** User and system CPU time, all threads: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  peakRssMegabytes: number;
  files: number;
  bytes: number;
  findings: number;
  digest: string;
  phases: Record<string, number>;
  /** The slowest rules (time in their checks, evaluation they trigger included). */
  slowestRules: string;
}

// As the installed command runs a scan.
useScanJitSettings();
const directory = resolve(process.argv[2]);
startPhaseClock();
const started = performance.now();
const result = await scanInParallel({ paths: [directory], cwd: directory });
const report = inPhase("reporting", () => renderJson(result));
const seconds = (performance.now() - started) / 1000;
const phases = phaseMilliseconds();
const digest = createHash("sha256");
for (const finding of result.findings) {
  const { file, start } = finding.range;
  digest.update(
    `${finding.ruleId}|${file.path}|${start.line}:${start.column}|${finding.severity}|${finding.message}\n`,
  );
}
const figures: ScanOnceFigures = {
  seconds: Number(seconds.toFixed(3)),
  cpuSeconds: Number(((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(3)),
  peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024), // maxRSS is in kilobytes
  files: result.fileCount,
  bytes: result.bytes,
  findings: result.findings.length,
  digest: digest.digest("hex").slice(0, 16),
  phases: Object.fromEntries(Object.entries(phases).map(([phase, ms]) => [phase, Math.round(ms)])),
  slowestRules: ruleTimingTable(result.outcomes, "5") ?? "",
};
void report;
process.stdout.write(JSON.stringify(figures));
