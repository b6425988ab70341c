/**
 * Bundles the compiled CLI, the GitHub Action and the scan worker into dist/bundle/ (run by
 * `npm run build` after tsc). A cold start is mostly module loading: ~170 files resolved, opened and
 * compiled one by one cost more than the scan of a small repository, and a few large files load much
 * faster. Dynamic imports stay dynamic (split chunks), so what a plain scan does not need (yargs, the
 * reporters not asked for) is still loaded only on use; libraries loaded through createRequire
 * (ts-morph, yaml, ajv, re2js) stay outside the bundle and lazy.
 *
 * The plain scan is also bundled as one CommonJS file, plain-scan.cjs, which the installed command
 * (iflint.js, from launch.ts; CommonJS too) loads with V8's code cache, written here after a scan of
 * the example: Node 20 has no compile cache of its own (src/cli/precompiled.ts).
 *
 * The scan worker is an entry beside the chunks: scan-parallel starts it as `./scan-worker.js`
 * relative to its own file (a CommonJS stub that imports scan-worker.mjs), so every output sits in
 * one directory. Data files are found by walking up from the bundle to the package root
 * (src/package-root.ts), as from dist/src.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { packageRoot } from "../src/package-root.js";
import { loadPrecompiled } from "../src/cli/precompiled.js";
import type * as PlainScan from "../src/cli/plain-scan.js";

const root = packageRoot();
const compiled = join(root, "dist", "src");
const outdir = join(root, "dist", "bundle");

const common: BuildOptions = {
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  // Measured: bundling the dependencies too (ipaddr.js, jsonc-parser) saves ~30 ms of the ~170 ms
  // cold scan; their ES module builds, since a bundled UMD build requires its own files. re2js is
  // loaded on first use instead (src/source/lazy-libraries.ts), as yaml, ajv and ts-morph are.
  mainFields: ["module", "main"],
  // yargs reads its translations from its own directory (bundled, --help would lose them); it is
  // loaded only for commands other than a plain scan.
  external: ["yargs", "yargs/*"],
  // Maps back to the TypeScript through tsc's maps (`node --enable-source-maps`), for bug reports.
  sourcemap: "linked",
  legalComments: "eof",
  logLevel: "warning",
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: {
    main: join(compiled, "cli", "main.js"),
    action: join(compiled, "action", "main.js"),
    "scan-worker": join(compiled, "parallel", "scan-worker.js"),
  },
  splitting: true,
  format: "esm",
  outExtension: { ".js": ".mjs" },
});
// The file's own URL, for what the sources find beside them (the scan worker, plain-scan.cjs, createRequire).
// Strict mode first: a directive counts only before any statement, so esbuild's own "use strict",
// which follows the banner, would leave the bundle in sloppy mode, where the tests never run it.
const bundleUrl = '"use strict";const __bundleUrl = require("node:url").pathToFileURL(__filename).href;';
const commonJs: BuildOptions = {
  ...common,
  format: "cjs",
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: bundleUrl },
};
await build({
  ...commonJs,
  entryPoints: { "plain-scan": join(compiled, "cli", "plain-scan.js") },
  outExtension: { ".js": ".cjs" },
  // Measured: ~20 ms of a cold scan. Without comments the file is a third smaller and pure ASCII
  // (esbuild escapes non-ASCII in code; comments kept `→`, `…`), so the launcher decodes it as a
  // one-byte string, not a two-byte one twice its size. Identifiers stay as written, for stack traces.
  minifyWhitespace: true,
  // Wrapped as Node wraps a CommonJS module, in the file itself: the launcher compiles the file's text
  // as it is, one flat string, where wrapping it there cost ~4 ms (a copy, and V8 flattening it again).
  banner: { js: `(function (exports, require, module, __filename, __dirname) {${bundleUrl}` },
  footer: { js: "})" },
});
// The launcher is CommonJS: as an ES module it cost a cold start ~10 ms (the ES module loader, and
// builtins imported as ES modules, which loads every lazy part of them, such as fs/promises). The
// rest is ES modules (.mjs), as the sources are; package.json here makes `.js` CommonJS.
writeFileSync(join(outdir, "package.json"), '{ "type": "commonjs" }\n');
await build({
  ...commonJs,
  entryPoints: { iflint: join(compiled, "cli", "launch.js") },
  plugins: [
    {
      name: "the command, left to the ES module build",
      setup(plugin) {
        plugin.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: "./main.mjs", external: true }));
      },
    },
  ],
});
// The read-ahead thread's file (src/source/read-ahead.ts), on its own: it starts with every large
// scan, so it loads nothing else. CommonJS, as `.js` is here.
await build({
  ...commonJs,
  entryPoints: { "read-ahead-worker": join(compiled, "source", "read-ahead-worker.js") },
});
// The paths action.yml and the scan (`new URL("./scan-worker.js", import.meta.url)`) start.
for (const entry of ["action", "scan-worker"])
  writeFileSync(join(outdir, `${entry}.js`), `"use strict";\nimport("./${entry}.mjs");\n`);

// The code cache, made after a scan of the example (when there is one, as in a clone), so the
// functions a scan runs are in it compiled.
const precompiled = loadPrecompiled<typeof PlainScan>(pathToFileURL(join(outdir, "plain-scan.cjs")));
if (!precompiled) throw new Error("bundle: plain-scan.cjs was not written");
const example = join(root, "examples", "nhs-trust");
if (existsSync(example)) {
  const scratch = mkdtempSync(join(tmpdir(), "iflint-bundle-"));
  try {
    const code = await precompiled.exports.runPlainScan([
      "scan",
      example,
      // The default format and the one pipelines read most, written aside.
      "--format",
      `text=${join(scratch, "report.txt")}`,
      "--format",
      `json=${join(scratch, "report.json")}`,
      "--quiet",
    ]);
    if (code === undefined) throw new Error("bundle: the example scan was not a plain scan");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
precompiled.writeCache();
process.stdout.write("bundled dist/bundle, with the plain scan's code cache\n");
