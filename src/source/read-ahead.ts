/**
 * Reading a file costs four system calls (open, fstat, read, close): about a tenth of a large
 * scan's time, spent waiting in the kernel while the parser, which needs the bytes only one file
 * at a time, could be running. A read-ahead thread therefore reads the scan's files, in the order
 * the scan reads them, into a shared ring of bytes; the scan thread takes each file's bytes from
 * there, or reads the file itself when the read-ahead thread has not got to it yet, left it (a
 * symlink, a special file, one too large) or has stopped. Either way the bytes are the ones the
 * file holds, so nothing a scan finds depends on which thread read what.
 *
 * The ring bounds the memory (files are released as the scan takes them), and everything is
 * synchronous on the scan thread: a file's state is one shared word, waited on with Atomics.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DECLINED,
  NOT_CLAIMED,
  READING,
  READY,
  RELEASED,
  SCAN_WAITING,
  STOP,
  TAKEN,
  ReadAheadLayout,
  type ReadAheadTask,
} from "./read-ahead-layout.js";
import { workerThreadsModule } from "./lazy-builtins.js";
import { monotonicMilliseconds } from "./monotonic-clock.js";
import type { Worker } from "node:worker_threads";

/** Fewer files than this are read faster than a thread starts. */
export const READ_AHEAD_MIN_FILES = 256;
/** The ring: ~500 typical Terraform files ahead of the parser, little beside a large scan's memory. */
const RING_BYTES = 1024 * 1024;
/** Waited for one file being read before the scan thread reads it itself and stops using the read-ahead. */
const PATIENCE_MS = 2_000;

export class ReadAhead {
  private readonly control: Int32Array;
  private readonly ring: Buffer;
  private readonly layout: ReadAheadLayout;
  /** The file expected next: files are taken in the order given, so most are found without a map. */
  private expected = 0;
  /** Every file's index, made only if a file is taken out of order. */
  private indexes: Map<string, number> | undefined;
  /** Files before this index have been released to the read-ahead thread (their bytes may be gone). */
  private released = 0;
  private stopped = false;

  private constructor(
    private readonly paths: readonly string[],
    private readonly worker: Worker,
    task: ReadAheadTask,
  ) {
    this.layout = new ReadAheadLayout(paths.length);
    this.control = new Int32Array(task.control);
    this.ring = Buffer.from(task.ring);
  }

  /**
   * A read-ahead of `paths`, in the order they will be taken; undefined when there are too few to
   * pay for a thread, or none can be started (without the built worker file, as when tests run the
   * TypeScript).
   */
  static start(paths: readonly string[], workerFile = READ_AHEAD_WORKER): ReadAhead | undefined {
    if (paths.length < READ_AHEAD_MIN_FILES || !existsSync(workerFile)) return undefined;
    const layout = new ReadAheadLayout(paths.length);
    const task: ReadAheadTask = {
      paths: [...paths],
      control: new SharedArrayBuffer(layout.words * Int32Array.BYTES_PER_ELEMENT),
      ring: new SharedArrayBuffer(RING_BYTES),
      largestFile: RING_BYTES / 4,
    };
    let worker: Worker | undefined;
    try {
      if (warm?.file === workerFile) {
        worker = warm.worker;
        warm = undefined;
        worker.postMessage(task);
      } else worker = startWorker(workerFile, task);
    } catch {
      return undefined;
    }
    return new ReadAhead(paths, worker, task);
  }

  /**
   * Starts the read-ahead thread before its files are known (discovery calls this once a scan is
   * large enough): a thread takes ~75 ms to start, which the scan thread would otherwise spend
   * reading the first few hundred files itself. `start` then hands it its files.
   */
  static warmUp(workerFile = READ_AHEAD_WORKER): void {
    if (warm || !existsSync(workerFile)) return;
    try {
      warm = { file: workerFile, worker: startWorker(workerFile, undefined) };
    } catch {
      warm = undefined;
    }
  }

  /** Stops a warmed-up thread no read-ahead took (a scan split across workers reads in them). */
  static coolDown(): void {
    void warm?.worker.terminate();
    warm = undefined;
  }

  /**
   * The bytes of `path` if the read-ahead thread read them; undefined when the caller must read the
   * file itself (exactly as it would without a read-ahead). The bytes are a view of the shared ring,
   * good until the next `take` or `close`: decode them, do not keep them.
   */
  take(path: string): Buffer | undefined {
    const index = this.indexOf(path);
    if (index === undefined || index < this.released || this.stopped) return undefined;
    this.expected = index + 1;
    // The files before this one are done with (first: the read-ahead thread may be waiting for
    // their space to read this one); this one is, at the next take.
    this.release(index);
    const state = this.layout.state(index);
    let current = Atomics.compareExchange(this.control, state, NOT_CLAIMED, TAKEN);
    if (current === READING) current = this.awaitRead(state);
    let bytes: Buffer | undefined;
    if (current === READY) {
      const offset = this.control[this.layout.offset(index)];
      const length = this.control[this.layout.length(index)];
      // A view of the ring, not a copy: the file's place is released only at the next take.
      bytes = this.ring.subarray(offset, offset + length);
    }
    return bytes;
  }

  /** Stops the read-ahead thread; later takes read nothing from it. */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.control, this.layout.header(STOP), 1);
    Atomics.notify(this.control, this.layout.header(RELEASED));
    void this.worker.terminate();
  }

  private awaitRead(state: number): number {
    const until = monotonicMilliseconds() + PATIENCE_MS;
    let current = Atomics.load(this.control, state);
    while (current === READING) {
      const left = until - monotonicMilliseconds();
      if (left <= 0) {
        // A stalled thread (or file system): read from here on as if there were none.
        this.close();
        return DECLINED;
      }
      // Announced first, as the read-ahead thread does (see SCAN_WAITING).
      Atomics.store(this.control, this.layout.header(SCAN_WAITING), 1);
      if (Atomics.load(this.control, state) === READING) Atomics.wait(this.control, state, READING, left);
      Atomics.store(this.control, this.layout.header(SCAN_WAITING), 0);
      current = Atomics.load(this.control, state);
    }
    return current;
  }

  private indexOf(path: string): number | undefined {
    if (this.paths[this.expected] === path) return this.expected;
    if (!this.indexes) {
      this.indexes = new Map();
      for (let index = this.paths.length - 1; index >= 0; index--) this.indexes.set(this.paths[index], index);
    }
    return this.indexes.get(path);
  }

  /** Files before `index` are done with: the read-ahead thread may reuse their bytes. */
  private release(index: number): void {
    if (index <= this.released) return;
    this.released = index;
    Atomics.store(this.control, this.layout.header(RELEASED), index);
  }

  /** How many files were read ahead, for tests. */
  get readAheadCount(): number {
    let count = 0;
    for (let index = 0; index < this.paths.length; index++)
      if (Atomics.load(this.control, this.layout.state(index)) === READY) count++;
    return count;
  }
}

/** A thread started by `warmUp`, waiting for its files. */
let warm: { file: string; worker: Worker } | undefined;

function startWorker(workerFile: string, task: ReadAheadTask | undefined): Worker {
  const worker = new (workerThreadsModule().Worker)(workerFile, { workerData: task });
  // Never an unhandled error: a read-ahead that fails leaves every file to the scan thread.
  worker.on("error", () => undefined);
  worker.unref();
  return worker;
}

/** Beside this file: dist/src/source in the compiled package, dist/bundle in the bundle. */
const READ_AHEAD_WORKER = fileURLToPath(new URL("./read-ahead-worker.js", import.meta.url));
