/**
 * The bench's anchor: HashiCorp's HCL v2 native-syntax parser (what Terraform, TFLint and Trivy
 * run), compiled natively from Debian's packages (golang-go, golang-github-hashicorp-hcl-v2-dev),
 * parsing every `.tf` file of a directory and nothing else. Built once into `.bench/`; when Go or the
 * HCL sources are missing and cannot be installed with apt-get, the bench says so and goes on.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HCL_SOURCES = "/usr/share/gocode/src/github.com/hashicorp/hcl/v2";

export interface AnchorRun {
  files: number;
  bytes: number;
  seconds: number;
  peakRssMegabytes: number;
}

/** The anchor's binary, built if needed; or why there is none. */
export function anchorBinary(root: string): { path: string } | { skipped: string } {
  const program = join(root, "scripts", "hcl-anchor", "main.go");
  const version = createHash("sha256").update(readFileSync(program)).digest("hex").slice(0, 12);
  const binary = join(root, ".bench", `hcl-anchor-${version}`);
  if (existsSync(binary)) return { path: binary };
  if (!hasGoToolchain()) {
    const installed = spawnSync(
      "sh",
      [
        "-c",
        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-github-hashicorp-hcl-v2-dev",
      ],
      { stdio: "ignore" },
    );
    if (installed.status !== 0 || !hasGoToolchain())
      return {
        skipped:
          "native HCL anchor skipped: needs golang-go and golang-github-hashicorp-hcl-v2-dev, and apt-get could not install them",
      };
  }
  const work = mkdtempSync(join(tmpdir(), "iflint-anchor-"));
  try {
    copyFileSync(program, join(work, "main.go"));
    mkdirSync(join(root, ".bench"), { recursive: true });
    const built = spawnSync("go", ["build", "-o", binary, "."], {
      cwd: work,
      env: {
        ...process.env,
        GOPATH: "/usr/share/gocode",
        GO111MODULE: "off",
        GOFLAGS: "",
        GOCACHE: join(work, "cache"),
      },
      encoding: "utf8",
    });
    if (built.status !== 0) return { skipped: `native HCL anchor skipped: go build failed: ${built.stderr.trim()}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { path: binary };
}

function hasGoToolchain(): boolean {
  return spawnSync("go", ["version"], { stdio: "ignore" }).status === 0 && existsSync(HCL_SOURCES);
}

/** One parse of every `.tf` file under `directory`, timed by the anchor itself (reading included). */
export function runAnchor(binary: string, directory: string): AnchorRun {
  // GNU time's %M is the peak RSS in kilobytes; without it, the anchor's own line is enough.
  const run = existsSync("/usr/bin/time")
    ? spawnSync("/usr/bin/time", ["-f", "maxrss=%M", binary, directory], { encoding: "utf8" })
    : spawnSync(binary, [directory], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`the anchor failed: ${run.stderr}`);
  const output = `${run.stdout} ${run.stderr}`;
  const fields = new Map(
    [...output.matchAll(/(\w+)=([\d.]+)/g)].map((match) => [match[1], Number(match[2])] as [string, number]),
  );
  return {
    files: fields.get("files") ?? 0,
    bytes: fields.get("bytes") ?? 0,
    seconds: fields.get("seconds") ?? 0,
    peakRssMegabytes: Math.round((fields.get("maxrss") ?? 0) / 1024),
  };
}
