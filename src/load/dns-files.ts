/**
 * DNS kept as files: zone files (found by name or by `zoneFiles`), and the named.conf files that
 * say which zones a server serves from which file. Paths they refer to stay inside the scanned
 * paths and the repository holding them.
 */
import { resolve } from "node:path";
import { realpathSync } from "node:fs";
import type { DiscoveredFile } from "../parsers/discover-files.js";
import { deepestCommonDirectory } from "../parsers/discover-files.js";
import type { Estate } from "../model/estate.js";
import { ConfinedPaths } from "./zone-include-paths.js";
import { addZoneFiles, type ZoneFileInput } from "./zone-files.js";

export interface DnsFileOptions {
  cwd: string;
  scanPaths?: readonly string[];
  isPrivateZone?: (origin: string) => boolean;
}

export function addDnsFiles(estate: Estate, files: readonly DiscoveredFile[], options: DnsFileOptions): void {
  const zoneFiles = files.filter((file) => file.kind === "zone");
  if (!zoneFiles.length) return;
  const scanPaths = options.scanPaths?.length
    ? options.scanPaths.map((path) => resolve(options.cwd, path))
    : [deepestCommonDirectory(zoneFiles.map((file) => file.absolutePath))];
  const paths = new ConfinedPaths(scanPaths);
  const inputs = new Map<string, ZoneFileInput>();
  for (const file of zoneFiles) {
    inputs.set(realOrSelf(file.absolutePath), {
      absolutePath: file.absolutePath,
      displayPath: file.displayPath,
      configured: file.configured ?? false,
      declarations: [],
    });
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
