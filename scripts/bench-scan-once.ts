/** One whole scan (with the JSON report) in its own process, for the bench: prints seconds and peak RSS. */
import { scanInParallel } from "../src/parallel/scan-parallel.js";
import { renderJson } from "../src/reporters/json.js";

const directory = process.argv[2];
const started = performance.now();
const result = await scanInParallel({ paths: [directory], cwd: directory });
renderJson(result);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds: Number(seconds.toFixed(2)),
    peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024), // maxRSS is in kilobytes
    files: result.fileCount,
  }),
);
