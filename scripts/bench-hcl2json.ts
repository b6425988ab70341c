/** Child process of the benchmark: HashiCorp's parser (hcl2json, Go in WASM) parsing every file, alone. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith(".tf") ? [path] : [];
  });
}

const paths = files(process.argv[2]);
const texts = paths.map((path) => readFileSync(path, "utf8"));
const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0);
await parse("warm-up.tf", 'a = "b"\n');
const start = performance.now();
for (let i = 0; i < paths.length; i++) await parse(paths[i], texts[i]);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(JSON.stringify({ files: paths.length, bytes, seconds }));
