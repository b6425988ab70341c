/**
 * The file beside the precompiled plain scan that holds V8's code cache for it: a copy of the source
 * the cache was made from, then the cache. V8 itself checks only that the source has the cache's
 * length, so the copy is compared with the source byte for byte: exact, and cheaper than a digest
 * (loading node:crypto for a SHA-1 cost ~8 ms of a cold start). The copy is read through a small
 * buffer: on the machines measured, memory a process touches for the first time costs ~4 ms a MB,
 * more than reading and comparing.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, writeFileSync } from "node:fs";

const COMPARE_CHUNK_BYTES = 64 * 1024;

/** The code cache in `cacheFile` when it was made from exactly `source`; undefined when absent or stale. */
export function readCodeCache(cacheFile: string, source: Buffer): Buffer | undefined {
  if (!existsSync(cacheFile)) return undefined;
  const fd = openSync(cacheFile, "r");
  try {
    const size = fstatSync(fd).size;
    if (size <= source.length || !startsWith(fd, source)) return undefined;
    const cache = Buffer.allocUnsafe(size - source.length);
    return readAt(fd, cache, source.length) ? cache : undefined;
  } finally {
    closeSync(fd);
  }
}

export function writeCodeCache(cacheFile: string, source: Buffer, cache: Buffer): void {
  writeFileSync(cacheFile, Buffer.concat([source, cache]));
}

function startsWith(fd: number, source: Buffer): boolean {
  const chunk = Buffer.allocUnsafe(Math.min(COMPARE_CHUNK_BYTES, source.length));
  for (let at = 0; at < source.length; at += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, source.length - at));
    if (!readAt(fd, part, at) || !part.equals(source.subarray(at, at + part.length))) return false;
  }
  return true;
}

/** Fills `target` from `position` on; false when the file ends first. */
function readAt(fd: number, target: Buffer, position: number): boolean {
  for (let done = 0; done < target.length;) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) return false;
    done += read;
  }
  return true;
}
