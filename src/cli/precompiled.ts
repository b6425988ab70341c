/**
 * Node 20 has no compile cache for modules (module.enableCompileCache came in Node 22), and compiling
 * the scanner's code is a large part of a cold start. The bundle therefore also carries the plain scan
 * as one CommonJS module (written wrapped in its module function) with V8's code cache beside it,
 * made by `npm run build` after a scan of the example (so the functions a scan runs are cached
 * compiled too). The cache is used only when it was made from exactly this file
 * (code-cache-file.ts); a cache V8 rejects (another Node version, other V8 flags) just means
 * compiling as usual.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { isAscii } from "node:buffer";
import { readCodeCache, writeCodeCache } from "./code-cache-file.js";

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
  const cacheFile = `${file}.cache`;
  const cachedData = readCodeCache(cacheFile, bytes);
  // ASCII (as the build writes it) decodes much faster, into a one-byte string; latin1 is then the same text.
  const text = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  // The build wrote the module already wrapped in its function (scripts/bundle.ts).
  const script = new Script(text, { filename: file, cachedData });
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
    writeCache: () => writeCodeCache(cacheFile, bytes, script.createCachedData()),
  };
}
