/**
 * Bundles the compiled CLI, the GitHub Action and the scan worker into dist/bundle/ (run by
 * `npm run build` after tsc). A cold start is mostly module loading: ~170 files resolved, opened and
 * compiled one by one cost more than the scan of a small repository, and a few large files load much
 * faster. Dynamic imports stay dynamic (split chunks), so what a plain scan does not need (yargs, the
 * reporters not asked for) is still loaded only on use; libraries loaded through createRequire
 * (ts-morph, yaml, ajv) stay outside the bundle and lazy.
 *
 * The scan worker is an entry beside the chunks: scan-parallel starts it as `./scan-worker.js`
 * relative to its own file, so every output sits in one directory. Data files are found by walking up
 * from the bundle to the package root (src/package-root.ts), as from dist/src.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { packageRoot } from "../src/package-root.js";

const root = packageRoot();
const compiled = join(root, "dist", "src");
const outdir = join(root, "dist", "bundle");

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    iflint: join(compiled, "cli", "main.js"),
    action: join(compiled, "action", "main.js"),
    "scan-worker": join(compiled, "parallel", "scan-worker.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Measured: bundling the dependencies too (re2js, ipaddr.js, jsonc-parser) saves ~30 ms of the
  // ~170 ms cold scan; their ES module builds, since a bundled UMD build requires its own files.
  mainFields: ["module", "main"],
  // yargs reads its translations from its own directory (bundled, --help would lose them); it is
  // loaded only for commands other than a plain scan.
  external: ["yargs", "yargs/*"],
  // Maps back to the TypeScript through tsc's maps (`node --enable-source-maps`), for bug reports.
  sourcemap: "linked",
  legalComments: "eof",
  logLevel: "warning",
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs).filter(([path]) => path.endsWith(".js"));
const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
process.stdout.write(`bundled dist/bundle: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KiB\n`);
