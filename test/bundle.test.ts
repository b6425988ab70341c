/**
 * The bundle `npm run build` writes (dist/bundle/) is what `iflint` and the GitHub Action run: a
 * plain scan loads only its files, leaving the libraries it does not need unloaded, and it finds the
 * package's data from wherever in the package it sits.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/rule-harness.js";

const packageJson = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: { iflint: string } };
const bundle = join(repoRoot, "dist", "bundle");

function run(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = spawnSync(process.execPath, [script, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Every module a run loads, ES modules through a loader hook and CommonJS through Module._load. */
function modulesLoaded(script: string, args: string[]): string[] {
  const directory = mkdtempSync(join(tmpdir(), "iflint-bundle-"));
  const log = join(directory, "loaded.txt");
  writeFileSync(log, "");
  writeFileSync(
    join(directory, "hook.mjs"),
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
`,
  );
  writeFileSync(
    join(directory, "preload.mjs"),
    `import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
register(${JSON.stringify(pathToFileURL(join(directory, "hook.mjs")).href)});
const load = Module._load;
Module._load = function (request, ...rest) {
  appendFileSync(${JSON.stringify(log)}, "require:" + request + "\\n");
  return load.call(this, request, ...rest);
};
`,
  );
  const child = spawnSync(process.execPath, ["--import", join(directory, "preload.mjs"), script, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(child.status, child.stderr).toBe(1);
  const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
  rmSync(directory, { recursive: true, force: true });
  return loaded;
}

/** Node's built-in modules a run loaded (process.moduleLoadList, as the process exits). */
function builtinsLoaded(script: string, args: string[]): string[] {
  const directory = mkdtempSync(join(tmpdir(), "iflint-bundle-"));
  const log = join(directory, "builtins.txt");
  writeFileSync(
    join(directory, "preload.cjs"),
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(log)}, process.moduleLoadList.join("\\n")));\n`,
  );
  const child = spawnSync(process.execPath, ["--require", join(directory, "preload.cjs"), script, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(child.status, child.stderr).toBe(1);
  const loaded = readFileSync(log, "utf8")
    .split("\n")
    .filter((entry) => entry.startsWith("NativeModule "))
    .map((entry) => entry.slice("NativeModule ".length));
  rmSync(directory, { recursive: true, force: true });
  return loaded;
}

/** Whether loading the precompiled plain scan at `file` used its code cache, from a fresh process. */
function cacheUsed(file: string): string {
  const loader = pathToFileURL(join(repoRoot, "dist", "src", "cli", "precompiled.js")).href;
  const child = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const { loadPrecompiled } = await import(${JSON.stringify(loader)});
process.stdout.write(String(loadPrecompiled(new URL(${JSON.stringify(pathToFileURL(file).href)})).cacheUsed));`,
    ],
    { encoding: "utf8" },
  );
  expect(child.stderr).toBe("");
  return child.stdout;
}

describe("the bundle", () => {
  it("is the installed command", () => {
    expect(packageJson.bin.iflint).toBe("dist/bundle/iflint.js");
    expect(readFileSync(join(repoRoot, "action.yml"), "utf8")).toContain(
      'node "$GITHUB_ACTION_PATH/dist/bundle/action.js"',
    );
  });

  it("runs a plain scan from its own files only, without yargs, yaml, ajv, ts-morph or re2js", () => {
    const loaded = modulesLoaded(join(repoRoot, packageJson.bin.iflint), ["scan", "examples/nhs-trust"]);
    const files = loaded.filter((entry) => entry.startsWith("file:"));
    const outside = files.filter((url) => !url.startsWith(pathToFileURL(bundle).href + "/"));
    expect(outside).toEqual([]);
    // Compiling ~170 small modules one by one was most of a cold start; the scan is one precompiled file.
    expect(files.length).toBeLessThanOrEqual(5);
    const packages = loaded.filter((entry) => !entry.startsWith("file:") && !entry.includes("node:"));
    expect(packages.filter((entry) => /yargs|yaml|ajv|ts-morph|re2js/.test(entry))).toEqual([]);
  });

  it("leaves the builtins a plain scan does not use unloaded", () => {
    const loaded = builtinsLoaded(join(repoRoot, packageJson.bin.iflint), ["scan", "examples/nhs-trust"]);
    // The scan's own modules are loaded: the list is read right.
    expect(loaded).toContain("vm");
    // Each of these costs a cold start milliseconds: hashes (SARIF, baselines), git, scan workers and
    // the cores for them, and the global `performance` (timings a plain scan does not show).
    const unused = ["crypto", "child_process", "worker_threads", "os", "perf_hooks"];
    expect(loaded.filter((name) => unused.includes(name))).toEqual([]);
  });

  it("runs a plain scan without the ES module loader", () => {
    const loaded = builtinsLoaded(join(repoRoot, packageJson.bin.iflint), ["scan", "examples/nhs-trust"]);
    // An ES module launcher cost ~10 ms: the loader itself, and builtins imported as ES modules,
    // which loads all of each (node:fs brought fs/promises and readline).
    expect(loaded).toContain("vm");
    expect(loaded.filter((name) => /^internal\/modules\/esm\/(module_job|translators)$/.test(name))).toEqual([]);
    expect(loaded).not.toContain("internal/fs/promises");
  });

  it("starts the scan worker from beside the plain scan", async () => {
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(join(bundle, "scan-worker.js"), {
      workerData: { repositories: [], paths: [], ruleIds: [], allRules: true },
    });
    const result = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    expect(result).toEqual([]);
  });

  it("loads the plain scan with the code cache made for it, and never with a stale one", () => {
    const copy = join(repoRoot, "dist", "bundle-stale");
    rmSync(copy, { recursive: true, force: true });
    cpSync(bundle, copy, { recursive: true });
    try {
      expect(cacheUsed(join(bundle, "plain-scan.cjs"))).toBe("true");
      expect(cacheUsed(join(copy, "plain-scan.cjs"))).toBe("true");
      // Same length (all V8 checks), other bytes: the cache must not be used for this file.
      const file = join(copy, "plain-scan.cjs");
      const text = readFileSync(file, "utf8");
      const at = text.indexOf("EXIT_USAGE=2");
      expect(at).toBeGreaterThan(0);
      writeFileSync(file, text.slice(0, at) + "EXIT_USAGE=3" + text.slice(at + "EXIT_USAGE=2".length));
      expect(cacheUsed(file)).toBe("false");
      const stale = run(join(copy, "iflint.js"), ["scan", "no-such-directory"]);
      expect(stale.stderr).toBe(
        "iflint: no such file or directory: no-such-directory\nRun 'iflint --help' for usage.\n",
      );
      expect(stale.code).toBe(3);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("writes the plain scan as ASCII, which the launcher decodes into a one-byte string", () => {
    const bytes = readFileSync(join(bundle, "plain-scan.cjs"));
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it("runs its CommonJS files in strict mode, as the tests run the sources: the directive comes first", () => {
    for (const name of ["iflint.js", "plain-scan.cjs", "read-ahead-worker.js", "action.js", "scan-worker.js"]) {
      const text = readFileSync(join(bundle, name), "utf8").replace(/^#!.*\n/, "");
      // A directive counts only before any other statement (inside the plain scan's own wrapper).
      expect(text, name).toMatch(/^(\(function \([\w, ]*\) \{)?"use strict";/);
    }
  });

  it("leaves re2js out of the plain scan's file, and loads it for Terraform's regex functions", () => {
    // A fifth of the file, for functions most estates never call: bundled, every cold scan paid for it.
    expect(readFileSync(join(bundle, "plain-scan.cjs"), "latin1")).not.toContain("class RE2JS");
    const directory = mkdtempSync(join(tmpdir(), "iflint-bundle-regex-"));
    writeFileSync(
      join(directory, "main.tf"),
      'locals {\n  internal = length(regexall("^int", "internet")) > 0 ? false : true\n}\n' +
        'resource "aws_lb" "web" {\n  name     = replace("web-01", "/-[0-9]+$/", "")\n  internal = local.internal\n}\n',
    );
    try {
      const bundled = run(join(bundle, "iflint.js"), ["scan", directory, "--format", "json"]);
      const compiled = run(join(repoRoot, "dist", "src", "cli", "main.js"), ["scan", directory, "--format", "json"]);
      expect(bundled.stderr).toBe("");
      expect(bundled.stdout).toBe(compiled.stdout);
      // The regex made the load balancer internet-facing: the rule for those found it.
      expect(bundled.stdout).toContain("Internet-facing load balancer aws_lb.web");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("finds the package's data wherever in the package it sits, and gives the compiled command's findings", () => {
    const elsewhere = join(repoRoot, "dist", "bundle-moved", "deeper");
    rmSync(join(repoRoot, "dist", "bundle-moved"), { recursive: true, force: true });
    cpSync(bundle, elsewhere, { recursive: true });
    try {
      const moved = run(join(elsewhere, "iflint.js"), ["scan", "examples/nhs-trust", "--format", "sarif"]);
      const compiled = run(join(repoRoot, "dist", "src", "cli", "main.js"), [
        "scan",
        "examples/nhs-trust",
        "--format",
        "sarif",
      ]);
      expect(moved.code).toBe(1);
      expect(moved.stderr).toBe("");
      expect(moved.stdout).toBe(compiled.stdout);
      expect(JSON.parse(moved.stdout).runs[0].results.length).toBe(33);
    } finally {
      rmSync(join(repoRoot, "dist", "bundle-moved"), { recursive: true, force: true });
    }
  });

  it("runs the GitHub Action", () => {
    const workspace = mkdtempSync(join(tmpdir(), "iflint-bundle-action-"));
    writeFileSync(join(workspace, "main.tf"), 'resource "aws_cloudfront_distribution" "site" {\n  enabled = true\n}\n');
    writeFileSync(join(workspace, "summary.md"), "");
    writeFileSync(join(workspace, "output.txt"), "");
    const action = run(join(bundle, "action.js"), [], {
      cwd: workspace,
      env: {
        GITHUB_WORKSPACE: workspace,
        GITHUB_STEP_SUMMARY: join(workspace, "summary.md"),
        GITHUB_OUTPUT: join(workspace, "output.txt"),
        INPUT_PATHS: ".",
        "INPUT_SARIF-FILE": "iflint.sarif",
      },
    });
    expect(action.code, action.stdout + action.stderr).toBe(1);
    expect(action.stdout).toContain("::error file=main.tf,line=1");
    const sarif = JSON.parse(readFileSync(join(workspace, "iflint.sarif"), "utf8")) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(join(workspace, "output.txt"), "utf8")).toContain("sarif-file=");
  });
});
