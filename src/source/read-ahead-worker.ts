/**
 * The read-ahead thread (see read-ahead.ts): reads the scan's files, in the scan's order, into the
 * shared ring, so the scan thread finds their bytes there instead of waiting on open, fstat, read
 * and close. It reads nothing the scan thread would not read itself, as it would read it, and leaves
 * every file that is not plainly a regular file (a symlink, a FIFO, too large, an error) to it.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import {
  DECLINED,
  NOT_CLAIMED,
  READING,
  READY,
  RELEASED,
  SCAN_WAITING,
  STOP,
  ReadAheadLayout,
  type ReadAheadTask,
} from "./read-ahead-layout.js";

// Non-blocking, as the scan thread opens (a FIFO never blocks); never through a final symlink, which
// the scan thread resolves and checks itself.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads `task`'s files into its ring until all are read or the scan thread says stop. */
function readAhead(task: ReadAheadTask): void {
  const layout = new ReadAheadLayout(task.paths.length);
  const control = new Int32Array(task.control);
  const ring = new Uint8Array(task.ring);
  const releasedAt = layout.header(RELEASED);
  const scanWaitingAt = layout.header(SCAN_WAITING);

  /** Files written and not yet released, oldest first: [index, start], positions counted from the ring's first use. */
  const held: [number, number][] = [];
  let first = 0;
  let head = 0;

  const stopped = () => Atomics.load(control, layout.header(STOP)) !== 0;

  /** The ring position for `size` bytes, waiting until the scan thread has released enough; undefined once stopped. */
  function reserve(size: number): number | undefined {
    for (;;) {
      const released = Atomics.load(control, releasedAt);
      while (first < held.length && held[first][0] < released) first++;
      const oldest = first < held.length ? held[first][1] : head;
      // A file never wraps round the ring's end: it starts again at the beginning.
      const offset = head % ring.length;
      const start = offset + size > ring.length ? head + ring.length - offset : head;
      if (start + size - oldest <= ring.length) return start;
      if (stopped()) return undefined;
      // The ring is full: the scan thread is far behind. It releases a file at a time and never
      // wakes this thread for it (a system call per file); a look every few milliseconds is enough
      // (the scan thread never waits for this one while it sleeps: it reads unclaimed files itself).
      Atomics.wait(control, releasedAt, released, 5);
    }
  }

  function readInto(index: number, path: string): boolean {
    const descriptor = openSync(path, OPEN_FLAGS);
    try {
      const stats = fstatSync(descriptor);
      if (!stats.isFile() || stats.size > task.largestFile) return false;
      const start = reserve(stats.size);
      if (start === undefined) return false;
      const offset = start % ring.length;
      let length = 0;
      while (length < stats.size) {
        const read = readSync(descriptor, ring, offset + length, stats.size - length, length);
        if (read === 0) break;
        length += read;
      }
      held.push([index, start]);
      head = start + length;
      control[layout.offset(index)] = offset;
      control[layout.length(index)] = length;
      return true;
    } finally {
      closeSync(descriptor);
    }
  }

  for (let index = 0; index < task.paths.length && !stopped(); index++) {
    const state = layout.state(index);
    if (Atomics.compareExchange(control, state, NOT_CLAIMED, READING) !== NOT_CLAIMED) continue;
    let ready = false;
    try {
      ready = readInto(index, task.paths[index]);
    } catch {
      // The scan thread reads it again and reports what went wrong, as without a read-ahead.
    }
    Atomics.store(control, state, ready ? READY : DECLINED);
    if (Atomics.load(control, scanWaitingAt) !== 0) Atomics.notify(control, state);
  }
}

// Started with its task, or started early (warmed up: see ReadAhead.warmUp) and given it later.
if (workerData) readAhead(workerData as ReadAheadTask);
else
  parentPort?.once("message", (task: ReadAheadTask) => {
    readAhead(task);
    parentPort?.close();
  });
