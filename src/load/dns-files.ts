/**
 * DNS kept as files: zone files (found by name or by `zoneFiles`), and the named.conf files that
 * say which zones a server serves from which file. Paths they refer to stay inside the scanned
 * paths and the repository holding them.
 */
import { resolve } from "node:path";
import { realpathSync } from "node:fs";
import type { DiscoveredFile } from "../parsers/discover-files.js";
import { deepestCommonDirectory, displayPath } from "../parsers/discover-files.js";
import { readSourceFile } from "../source/read-source.js";
import { readNamedConf } from "./named-conf.js";
import type { Estate } from "../model/estate.js";
import { ConfinedPaths } from "./zone-include-paths.js";
import { addZoneFiles, type ZoneFileInput } from "./zone-files.js";

export interface DnsFileOptions {
  cwd: string;
  scanPaths?: readonly string[];
  isPrivateZone?: (origin: string) => boolean;
}

export function addDnsFiles(estate: Estate, files: readonly DiscoveredFile[], options: DnsFileOptions): void {
  const dnsFiles = files.filter((file) => file.kind === "zone" || file.kind === "named-conf");
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
    const configuration = readNamedConf(estate, confFiles, paths, (real) => {
      const file = readSourceFile(estate, real, shown.get(real) ?? displayPath(real, options.cwd));
      if (file) estate.files.push({ file, comments: [], commentPrefixes: ["//", "#"] });
      return file;
    });
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
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
