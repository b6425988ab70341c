/**
 * Node 20 has no compile cache for modules (module.enableCompileCache came in Node 22), and compiling
 * the scanner's code is a large part of a cold start. The bundle therefore also carries the plain scan
 * as one CommonJS file with V8's code cache beside it, made by `npm run build` after a scan of the
 * example (so the functions a scan runs are cached compiled too). The cache is used only when it was
 * made from exactly this file (a SHA-1 of its bytes heads the cache: V8 itself checks only the
 * length); a cache V8 rejects (another Node version, other V8 flags) just means compiling as usual.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { isAscii } from "node:buffer";

const DIGEST_BYTES = 20;

export interface Precompiled<Exports> {
  exports: Exports;
  /** Whether V8 took the cache (false: there was none, it was stale, or V8 rejected it). */
  cacheUsed: boolean;
  /** Writes the code cache of everything compiled so far (the build calls this after a scan). */
  writeCache(): void;
}

/** Loads the CommonJS file at `url` with its code cache (`<file>.cache`); undefined when the file is absent. */
export function loadPrecompiled<Exports>(url: URL): Precompiled<Exports> | undefined {
  const file = fileURLToPath(url);
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  const digest = createHash("sha1").update(bytes).digest();
  const cacheFile = `${file}.cache`;
  const cache = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const cachedData =
    cache && cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest)
      ? cache.subarray(DIGEST_BYTES)
      : undefined;
  // ASCII (as the build writes it) decodes much faster, into a one-byte string; latin1 is then the same text.
  const text = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${text.replace(/^#!.*/, "")}\n})`,
    { filename: file, cachedData },
  );
  const module = { exports: {} as Exports };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  );
  return {
    exports: module.exports,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()])),
  };
}
