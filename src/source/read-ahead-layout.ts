/**
 * What the scan thread and its read-ahead thread share (see read-ahead.ts): one Int32Array of
 * control words and one ring of file bytes. Kept apart so the worker's file stays small.
 */

/** A file's state, one word per file in scan order. */
export const NOT_CLAIMED = 0;
/** The read-ahead thread is reading it. */
export const READING = 1;
/** Its bytes are in the ring at (offset, length). */
export const READY = 2;
/** The read-ahead thread left it to the scan thread (not a plain regular file, too large, an error). */
export const DECLINED = 3;
/** The scan thread took it before the read-ahead thread got to it, and reads it itself. */
export const TAKEN = 4;

/** Control words after the per-file words. */
export const RELEASED = 0;
export const STOP = 1;
/**
 * Set by the scan thread about to wait for a file, so the read-ahead thread wakes it only then: a
 * wake is a system call, and one per file cost more than the read.
 */
export const SCAN_WAITING = 2;
const HEADER_WORDS = 3;

/** Where each word of a read-ahead of `count` files lies in the control array. */
export class ReadAheadLayout {
  constructor(readonly count: number) {}

  /** The control array's length in words: state, offset and length per file, then the header. */
  get words(): number {
    return this.count * 3 + HEADER_WORDS;
  }

  state(index: number): number {
    return index;
  }

  offset(index: number): number {
    return this.count + index;
  }

  length(index: number): number {
    return this.count * 2 + index;
  }

  header(word: typeof RELEASED | typeof STOP | typeof SCAN_WAITING): number {
    return this.count * 3 + word;
  }
}

export interface ReadAheadTask {
  /** Absolute paths, in the order the scan thread reads them. */
  paths: string[];
  control: SharedArrayBuffer;
  ring: SharedArrayBuffer;
  /** Larger files are left to the scan thread. */
  largestFile: number;
}
