/**
 * The GitHub Action's entry point: reads the action's inputs, scans, writes SARIF for
 * upload-sarif, appends the Markdown summary to $GITHUB_STEP_SUMMARY, prints annotations, sets
 * outputs, and returns the exit code `fail-on` asks for.
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { scanInParallel } from "../parallel/scan-parallel.js";
import { loadConfig } from "../engine/config.js";
import { checkConfiguredVariableFiles } from "../engine/configured-variable-files.js";
import { applyBaseline, readBaseline } from "../engine/baseline.js";
import { changedFiles } from "../engine/changed-files.js";
import { severityAtLeast } from "../engine/finding.js";
import type { Severity } from "../engine/rule.js";
import { renderSarif } from "../reporters/sarif.js";
import { renderMarkdown } from "../reporters/markdown.js";
import { renderGithub } from "../reporters/github.js";
import { renderText } from "../reporters/text.js";
import { FILES_LOOKED_FOR, hasFilesToScan } from "../parsers/discover-files.js";

export interface ActionIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
}

function input(env: ActionIo["env"], name: string, fallback = ""): string {
  return (env[`INPUT_${name.toUpperCase().replace(/ /g, "_")}`] ?? fallback).trim();
}

export async function runAction(io: ActionIo): Promise<number> {
  const env = io.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const paths = input(env, "paths", ".")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((path) => resolve(workspace, path));
  const loaded = loadConfig(
    input(env, "config") ? resolve(workspace, input(env, "config")) : undefined,
    paths[0] ?? workspace,
  );
  if (loaded.warning) io.stdout(`::warning::${loaded.warning}\n`);
  checkConfiguredVariableFiles(loaded.config, loaded.path, paths, workspace);
  const failOn = (input(env, "fail-on") || loaded.config.failOn || "error") as Severity | "never";
  const result = await scanInParallel({
    paths,
    cwd: workspace,
    environment: env,
    config: loaded.config,
    configPath: loaded.path,
    reportUnusedIgnores: true,
  });
  if (!hasFilesToScan(result.discovery) && input(env, "allow-empty", "false") !== "true" && !loaded.config.allowEmpty)
    throw new Error(
      `no files to scan under ${paths.join(", ")} (looked for ${FILES_LOOKED_FOR}); allow-empty accepts that`,
    );
  if (input(env, "changed-since")) {
    const changed = changedFiles(input(env, "changed-since"), workspace);
    result.findings = result.findings.filter((finding) => changed.has(finding.range.file.absolutePath));
  }
  if (input(env, "baseline"))
    result.findings = applyBaseline(result.findings, readBaseline(resolve(workspace, input(env, "baseline")))).findings;

  const sarifFile = resolve(workspace, input(env, "sarif-file", "iflint.sarif"));
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(
    sarifFile,
    renderSarif(result, { cwd: workspace, warn: (message) => io.stdout(`::warning::${message}\n`) }),
  );
  if (input(env, "summary", "true") !== "false" && env.GITHUB_STEP_SUMMARY)
    appendFileSync(env.GITHUB_STEP_SUMMARY, renderMarkdown(result));
  if (input(env, "annotations", "true") !== "false") io.stdout(renderGithub(result));
  io.stdout(renderText(result, { color: false, quiet: true }));

  const open = result.findings.filter((finding) => !finding.suppressed);
  const errors = open.filter((finding) => finding.severity === "error").length;
  if (env.GITHUB_OUTPUT)
    appendFileSync(env.GITHUB_OUTPUT, `findings=${open.length}\nerrors=${errors}\nsarif-file=${sarifFile}\n`);
  const failing = failOn !== "never" && open.some((finding) => severityAtLeast(finding.severity, failOn));
  return failing ? 1 : 0;
}
