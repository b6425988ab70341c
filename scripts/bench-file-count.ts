/**
 * The bench's file-count rows: many small `.tf` files spread over nested directories like an
 * organisation's monorepo, scanned once per size in a fresh process, so time and peak RSS show how
 * discovery, grouping, root detection and loading grow with the number of files.
 * `IFLINT_BENCH_FILE_COUNTS=10000,50000` chooses the sizes (default 10,000 / 50,000 / 200,000).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILES_PER_DIRECTORY = 20;
const DIRECTORIES_PER_GROUP = 50;

/** Writes `count` small files once under `.bench/files-<count>` and returns the directory. */
export function generateFileCountCorpus(root: string, count: number): string {
  const directory = join(root, ".bench", `files-${count}`);
  const done = join(directory, ".complete");
  if (existsSync(done)) return directory;
  for (let index = 0; index < count; index++) {
    const stack = Math.floor(index / FILES_PER_DIRECTORY);
    const group = Math.floor(stack / DIRECTORIES_PER_GROUP);
    const folder = join(directory, `team-${group % 10}`, `group-${group}`, `stack-${stack}`);
    if (index % FILES_PER_DIRECTORY === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, `file-${index}.tf`),
      `variable "name_${index}" {\n  default = "bucket-${index}"\n}\n\nresource "aws_s3_bucket" "b${index}" {\n  bucket = var.name_${index}\n}\n`,
    );
  }
  writeFileSync(done, "");
  return directory;
}

export interface FileCountRow {
  files: number;
  seconds: number;
  peakRssMegabytes: number;
}

/** Scans each size in a child process (dist/scripts/bench-scan-once.js) and returns its figures. */
export function fileCountRows(root: string, counts: readonly number[]): FileCountRow[] {
  return counts.map((files) => {
    const directory = generateFileCountCorpus(root, files);
    const output = execFileSync(process.execPath, [join(root, "dist", "scripts", "bench-scan-once.js"), directory], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const { seconds, peakRssMegabytes } = JSON.parse(output) as { seconds: number; peakRssMegabytes: number };
    return { files, seconds, peakRssMegabytes };
  });
}

export function fileCounts(): number[] {
  return (process.env.IFLINT_BENCH_FILE_COUNTS ?? "10000,50000,200000")
    .split(",")
    .map((count) => Number(count.trim()))
    .filter((count) => Number.isInteger(count) && count > 0);
}
