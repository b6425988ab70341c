/**
 * A cold scan of the example estate as users start it (package.json's bin), against `node -e 0`,
 * alternately in fresh processes: what a pre-commit hook or a small CI job waits for.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ColdStartFigures {
  /** Wall times of `iflint scan examples/nhs-trust`, in seconds. */
  scans: number[];
  /** Wall times of `node -e 0`, in seconds: what no Node program can go below. */
  nodes: number[];
}

export function coldStart(root: string, runs = 10): ColdStartFigures {
  const bin = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: { iflint: string } }).bin.iflint;
  const time = (args: string[]) => {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" });
    if (child.error) throw child.error;
    return (performance.now() - started) / 1000;
  };
  const scans: number[] = [];
  const nodes: number[] = [];
  for (let run = 0; run < runs; run++) {
    scans.push(time([join(root, bin), "scan", "examples/nhs-trust"]));
    nodes.push(time(["-e", "0"]));
  }
  return { scans, nodes };
}
