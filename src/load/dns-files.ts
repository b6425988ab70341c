/**
 * DNS kept as files: zone files (found by name or by `zoneFiles`), and the named.conf files that
 * say which zones a server serves from which file. Paths they refer to stay inside the scanned
 * paths and the repository holding them.
 */
import { resolve, sep } from "node:path";
import { realpathSync } from "node:fs";
import type { DiscoveredFile } from "../parsers/discover-files.js";
import { deepestCommonDirectory, displayPath } from "../parsers/discover-files.js";
import { readSourceFile } from "../source/read-source.js";
import { readNamedConf } from "./named-conf.js";
import { addOctodnsZones } from "./octodns-zones.js";
import type { Estate } from "../model/estate.js";
import { ConfinedPaths } from "./zone-include-paths.js";
import { addZoneFiles, type ZoneFileInput } from "./zone-files.js";

export interface DnsFileOptions {
  cwd: string;
  scanPaths?: readonly string[];
  isPrivateZone?: (origin: string) => boolean;
}

export function addDnsFiles(estate: Estate, files: readonly DiscoveredFile[], options: DnsFileOptions): void {
  const dnsFiles = files.filter(
    (file) => file.kind === "zone" || file.kind === "named-conf" || file.kind === "octodns",
  );
  if (!dnsFiles.length) return;
  const scanPaths = options.scanPaths?.length
    ? options.scanPaths.map((path) => resolve(options.cwd, path))
    : [deepestCommonDirectory(dnsFiles.map((file) => file.absolutePath))];
  const paths = new ConfinedPaths(scanPaths);
  const inputs = new Map<string, ZoneFileInput>();
  for (const file of dnsFiles) {
    if (file.kind !== "zone") continue;
    inputs.set(realOrSelf(file.absolutePath), {
      absolutePath: file.absolutePath,
      displayPath: file.displayPath,
      configured: file.configured ?? false,
      declarations: [],
    });
  }
  const confFiles = dnsFiles.filter((file) => file.kind === "named-conf").map((file) => realOrSelf(file.absolutePath));
  if (confFiles.length) {
    const shown = new Map(dnsFiles.map((file) => [realOrSelf(file.absolutePath), file.displayPath]));
    const configuration = readNamedConf(
      estate,
      confFiles,
      paths,
      (real) => {
        const file = readSourceFile(estate, real, shown.get(real) ?? displayPath(real, options.cwd));
        if (file) estate.files.push({ file, comments: [], commentPrefixes: ["//", "#"] });
        return file;
      },
      (path) => byTrailingComponents(path, [...inputs.keys()]),
    );
    for (const path of configuration.notZones) inputs.delete(path);
    for (const { path, declaration } of configuration.declared) {
      const input = inputs.get(path) ?? {
        absolutePath: path,
        displayPath: shown.get(path) ?? displayPath(path, options.cwd),
        configured: true,
        declarations: [],
      };
      inputs.set(path, { ...input, configured: true, declarations: [...input.declarations, declaration] });
    }
  }
  addZoneFiles(estate, [...inputs.values()], { paths, cwd: options.cwd, isPrivateZone: options.isPrivateZone });
  const octodns = dnsFiles.filter((file) => file.kind === "octodns");
  if (octodns.length) {
    const read = (real: string, shown: string) => readSourceFile(estate, real, shown);
    const configs = octodns
      .map((file) => read(file.absolutePath, file.displayPath))
      .filter((file): file is NonNullable<typeof file> => file !== undefined);
    for (const file of configs) estate.files.push({ file, comments: [], commentPrefixes: ["#"] });
    addOctodnsZones(estate, configs, { paths, cwd: options.cwd, isPrivateZone: options.isPrivateZone, read });
  }
}

/**
 * The one scanned zone file whose path ends with the most of the named path's components (at
 * least its file name): `/var/named/example.org.zone` is `dns/zones/example.org.zone` in the
 * repository. Undefined when none, or several equally, match.
 */
function byTrailingComponents(path: string, candidates: readonly string[]): string | undefined {
  const wanted = path
    .split(/[\\/]+/)
    .filter(Boolean)
    .reverse();
  let best: string[] = [];
  let bestLength = 0;
  for (const candidate of candidates) {
    const parts = candidate.split(sep).reverse();
    let length = 0;
    while (length < wanted.length && length < parts.length && parts[length] === wanted[length]) length++;
    if (length === 0) continue;
    if (length > bestLength) {
      best = [candidate];
      bestLength = length;
    } else if (length === bestLength) best.push(candidate);
  }
  return best.length === 1 ? best[0] : undefined;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
