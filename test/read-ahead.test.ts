/**
 * The read-ahead thread (src/source/read-ahead.ts): the bytes the scan thread takes from it are
 * exactly the file's, whatever it read first; a file it must not read plainly (a symlink, a FIFO,
 * one too large, a missing one) is left to the scan thread; and a scan gives the same findings
 * with it as without it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/rule-harness.js";
import { scan } from "../src/scan.js";
import { describeFinding } from "../scripts/bench-equivalence.js";

// The thread runs the built worker file (npm test builds first); the TypeScript has none beside it.
type ReadAheadModule = typeof import("../src/source/read-ahead.js");
const built = () =>
  import(pathToFileURL(join(repoRoot, "dist", "src", "source", "read-ahead.js")).href) as Promise<ReadAheadModule>;

/** Blocks this thread for `milliseconds` (the read-ahead thread runs meanwhile). */
function sleep(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

let directory: string;
let plain: string[];

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "iflint-read-ahead-"));
  plain = [];
  for (let index = 0; index < 400; index++) {
    const path = join(directory, `file-${String(index).padStart(3, "0")}.tf`);
    // Sizes from empty to a few kilobytes, and bytes that are not ASCII.
    writeFileSync(path, `# ${index} é\n`.repeat(index % 7 === 0 ? 0 : (index % 50) * 3));
    plain.push(path);
  }
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("the read-ahead", () => {
  it("gives the scan thread each file's exact bytes, most of them read by the other thread", async () => {
    const { ReadAhead } = await built();
    const readAhead = ReadAhead.start(plain);
    expect(readAhead).toBeDefined();
    // Let the thread start and fill the ring (about 1 MB: all of these files).
    for (let waited = 0; waited < 5_000 && (readAhead?.readAheadCount ?? 0) < plain.length; waited += 10) sleep(10);
    let taken = 0;
    for (const path of plain) {
      const bytes = readAhead?.take(path);
      if (bytes) taken++;
      expect(bytes === undefined || bytes.equals(readFileSync(path))).toBe(true);
    }
    readAhead?.close();
    expect(taken).toBe(plain.length);
  });

  it("leaves symlinks, special files, large and missing files to the scan thread", async () => {
    const { ReadAhead } = await built();
    const odd = join(directory, "odd");
    mkdirSync(odd);
    const link = join(odd, "link.tf");
    symlinkSync(plain[1], link);
    const fifo = join(odd, "fifo.tf");
    execFileSync("mkfifo", [fifo]);
    const large = join(odd, "large.tf");
    writeFileSync(large, "#".repeat(2 * 1024 * 1024));
    const missing = join(odd, "missing.tf");
    const paths = [...plain.slice(0, 300), link, fifo, large, missing, odd, plain[300]];
    const readAhead = ReadAhead.start(paths);
    for (let waited = 0; waited < 5_000 && (readAhead?.readAheadCount ?? 0) < 301; waited += 10) sleep(10);
    for (const path of plain.slice(0, 300)) expect(readAhead?.take(path)?.equals(readFileSync(path))).toBe(true);
    for (const path of [link, fifo, large, missing, odd]) expect(readAhead?.take(path)).toBeUndefined();
    expect(readAhead?.take(plain[300])?.equals(readFileSync(plain[300]))).toBe(true);
    readAhead?.close();
  });

  it("never gives bytes of a file it has released, nor after it is closed", async () => {
    const { ReadAhead } = await built();
    const readAhead = ReadAhead.start(plain);
    for (let waited = 0; waited < 5_000 && (readAhead?.readAheadCount ?? 0) < 50; waited += 10) sleep(10);
    // Taking a later file releases the ones before it: their place in the ring may be reused.
    expect(readAhead?.take(plain[40])?.equals(readFileSync(plain[40]))).toBe(true);
    expect(readAhead?.take(plain[20])).toBeUndefined();
    expect(readAhead?.take(join(directory, "not-in-the-list.tf"))).toBeUndefined();
    // Files are found in or out of the order given, however the one before was found.
    expect(readAhead?.take(plain[42])?.equals(readFileSync(plain[42]))).toBe(true);
    expect(readAhead?.take(plain[43])?.equals(readFileSync(plain[43]))).toBe(true);
    expect(readAhead?.take(plain[45])?.equals(readFileSync(plain[45]))).toBe(true);
    readAhead?.close();
    expect(readAhead?.take(plain[41])).toBeUndefined();
  });

  it("reads ahead with the bundle's worker file too (CommonJS there)", async () => {
    const { ReadAhead } = await built();
    const readAhead = ReadAhead.start(plain, join(repoRoot, "dist", "bundle", "read-ahead-worker.js"));
    for (let waited = 0; waited < 5_000 && (readAhead?.readAheadCount ?? 0) < plain.length; waited += 10) sleep(10);
    expect(plain.every((path) => readAhead?.take(path)?.equals(readFileSync(path)))).toBe(true);
    readAhead?.close();
  });

  it("hands its files to a thread warmed up before they were known, and stops one never used", async () => {
    const { ReadAhead } = await built();
    ReadAhead.warmUp();
    const readAhead = ReadAhead.start(plain);
    for (let waited = 0; waited < 5_000 && (readAhead?.readAheadCount ?? 0) < plain.length; waited += 10) sleep(10);
    expect(plain.every((path) => readAhead?.take(path)?.equals(readFileSync(path)))).toBe(true);
    readAhead?.close();
    // Warmed up and cooled down unused: the next read-ahead starts a thread of its own.
    ReadAhead.warmUp();
    ReadAhead.coolDown();
    const next = ReadAhead.start(plain);
    for (let waited = 0; waited < 5_000 && (next?.readAheadCount ?? 0) < plain.length; waited += 10) sleep(10);
    expect(next?.readAheadCount).toBe(plain.length);
    next?.close();
  });

  it("is not started for a few files, nor without its worker file", async () => {
    const { ReadAhead, READ_AHEAD_MIN_FILES } = await built();
    expect(ReadAhead.start(plain.slice(0, READ_AHEAD_MIN_FILES - 1))).toBeUndefined();
    expect(ReadAhead.start(plain, join(directory, "no-worker.js"))).toBeUndefined();
  });

  it("changes no finding of a scan", async () => {
    const estate = mkdtempSync(join(tmpdir(), "iflint-read-ahead-scan-"));
    try {
      for (let stack = 0; stack < 300; stack++) {
        const root = join(estate, `stack-${stack}`);
        mkdirSync(root);
        writeFileSync(
          join(root, "main.tf"),
          `resource "aws_lb" "web" {\n  internal = ${stack % 2 === 0}\n  subnets  = ["10.0.${stack % 250}.0/24"]\n}\n`,
        );
        writeFileSync(join(root, "broken.tf"), stack % 3 === 0 ? `resource "aws_lb" {\n` : `# fine\n`);
        // A byte-order mark, and bytes that are not UTF-8: decoded from the ring as from a read.
        if (stack % 5 === 0) writeFileSync(join(root, "bom.tf"), Buffer.from(`\ufeff# café\nlocals {}\n`, "utf8"));
        if (stack % 7 === 0) writeFileSync(join(root, "latin1.tf"), Buffer.from(`# caf\xe9\nlocals {}\n`, "latin1"));
      }
      const options = { paths: [estate], cwd: estate };
      // The compiled scan starts the read-ahead (its worker file is beside it); the TypeScript cannot.
      const compiled = (await import(pathToFileURL(join(repoRoot, "dist", "src", "scan.js")).href)) as {
        scan: typeof scan;
      };
      const withReadAhead = compiled.scan(options);
      const without = scan(options);
      expect(withReadAhead.findings.length).toBeGreaterThan(200);
      expect(withReadAhead.findings.filter((finding) => /UTF-8/.test(finding.message)).length).toBe(43);
      expect(withReadAhead.findings.map(describeFinding)).toEqual(without.findings.map(describeFinding));
    } finally {
      rmSync(estate, { recursive: true, force: true });
    }
  });
});
