/**
 * Regenerates data/delegated-tlds.json from a copy of the IANA root zone:
 *   node dist/scripts/generate-tlds.js [path/to/root.zone]
 * (default: ../shared/corpus/zones/root.zone beside the repository). test/delegated-tlds.test.ts
 * checks the data is current against that file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { tldsOfRootZone } from "../src/model/delegated-tlds.js";
import { packageFile, packageRoot } from "../src/package-root.js";

const rootZone = process.argv[2] ?? resolve(packageRoot(), "..", "shared", "corpus", "zones", "root.zone");
const data = tldsOfRootZone(readFileSync(rootZone, "utf8"));
writeFileSync(packageFile("data", "delegated-tlds.json"), `${JSON.stringify(data, null, 2)}\n`);
console.log(`${data.tlds.length} delegated TLDs (root zone serial ${data.serial}) written to data/delegated-tlds.json`);
