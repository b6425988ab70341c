/**
 * Node's built-in modules that only some runs use, required on first use instead of at start: each
 * costs a cold start milliseconds to load (measured: crypto ~8, child_process ~8, worker_threads ~6,
 * os ~1), and a plain scan of a small repository needs none of them (test/bundle.test.ts checks it).
 */
import { createRequire } from "node:module";
import { lazily } from "./lazily.js";

type Crypto = typeof import("node:crypto");
type ChildProcess = typeof import("node:child_process");
type WorkerThreads = typeof import("node:worker_threads");
type Os = typeof import("node:os");

const require = createRequire(import.meta.url);

/** Hashes: SARIF and baseline fingerprints, CDKTF's long construct names. */
export const cryptoModule = lazily(() => require("node:crypto") as Crypto);

/** git, for --changed-since. */
export const childProcessModule = lazily(() => require("node:child_process") as ChildProcess);

/** Scan workers (large multi-repository scans on machines with cores to spare) and the read-ahead thread (large scans). */
export const workerThreadsModule = lazily(() => require("node:worker_threads") as WorkerThreads);

/** The number of cores, asked only when a scan is large enough for workers. */
export const osModule = lazily(() => require("node:os") as Os);
