/**
 * octoDNS estates onto the DNS model: each zone of a configuration whose source is a YAML
 * provider is read from `<directory>/<zone>.yaml` (or, for `"*"`, every zone file in the
 * directory), so every DNS and private-addressing rule applies to it. The provider octoDNS syncs
 * to decides signing, which the scan cannot see.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, isAbsolute, resolve } from "node:path";
import { isNeverPublicZone } from "../model/special-use-zones.js";
import { SourceRange, type SourceFile, type Span } from "../source/source-file.js";
import { looksLikeOctodnsConfig, parseOctodnsConfig, parseOctodnsZone } from "../parsers/octodns/parse-octodns.js";
import { displayPath } from "../parsers/discover-files.js";
import { repositoryRoot } from "../source/repository.js";
import type { Estate } from "../model/estate.js";
import type { DnsRecord, DnsZone } from "../model/dns.js";
import { repositoryOf, type ConfinedPaths } from "./zone-include-paths.js";

export interface OctodnsOptions {
  paths: ConfinedPaths;
  cwd: string;
  isPrivateZone?: (origin: string) => boolean;
  read: (realPath: string, shown: string) => SourceFile | undefined;
}

export function addOctodnsZones(estate: Estate, configs: readonly SourceFile[], options: OctodnsOptions): void {
  const done = new Set<string>();
  for (const configFile of configs) {
    const config = parseOctodnsConfig(configFile);
    if (reportedErrors(estate, configFile, config.errors)) continue;
    for (const zone of config.zones) {
      for (const source of zone.sources) {
        const directory = config.yamlSources.get(source);
        if (!directory) continue;
        // The first candidate directory that holds the zone's file (octoDNS runs from the repository's root, usually).
        const files =
          sourceDirectories(directory, configFile.absolutePath, options.paths)
            .map((found) => zoneFilesIn(found, zone.name))
            .find((found) => found.length) ?? [];
        for (const [origin, path] of files) {
          if (done.has(path)) continue;
          done.add(path);
          const file = options.read(path, displayPath(path, options.cwd));
          if (file && !looksLikeOctodnsConfig(file.text)) addZone(estate, file, origin, options);
        }
      }
    }
  }
}

/** Where the YAML source's directory may be: relative to the repository octoDNS runs in, or to the configuration. */
function sourceDirectories(directory: string, configPath: string, paths: ConfinedPaths): string[] {
  const configDirectory = dirname(configPath);
  const roots = paths.allowedRoots(configDirectory);
  const repository = repositoryRoot(configDirectory);
  const bases = isAbsolute(directory) ? [""] : [...(repository ? [repository] : []), configDirectory];
  const found: string[] = [];
  for (const base of bases) {
    try {
      const real = realpathSync(resolve(base, directory));
      if (!statSync(real).isDirectory()) continue;
      if (roots.some((root) => !relative(root, real).startsWith("..") && !isAbsolute(relative(root, real))))
        found.push(real);
    } catch {
      continue;
    }
  }
  return found;
}

/** `[origin, real path]` of the zone files for a zone entry (`example.org.` or `"*"`). */
function zoneFilesIn(directory: string, zoneName: string): [string, string][] {
  const canonical = (name: string) => `${name.toLowerCase().replace(/\.$/, "")}.`;
  const names =
    zoneName === "*"
      ? safeList(directory)
          .filter((name) => /\.ya?ml$/i.test(name))
          .map((name) => name.replace(/\.ya?ml$/i, ""))
      : [zoneName];
  const files: [string, string][] = [];
  for (const name of names) {
    for (const candidate of [`${canonical(name)}yaml`, `${canonical(name)}yml`]) {
      const path = join(directory, candidate);
      try {
        const real = realpathSync(path);
        // A zone file must stay in the directory and be a regular file (never a FIFO or device).
        if (dirname(real) === directory && statSync(real).isFile()) {
          files.push([canonical(name), real]);
          break;
        }
      } catch {
        continue;
      }
    }
  }
  return files;
}

/** YAML errors as positioned diagnostics; true when there were any (the file is then not read further). */
function reportedErrors(estate: Estate, file: SourceFile, errors: readonly { span: Span; message: string }[]): boolean {
  for (const error of errors)
    estate.diagnostics.push({
      range: new SourceRange(file, error.span.start, error.span.end),
      summary: "YAML syntax",
      detail: error.message,
    });
  return errors.length > 0;
}

function safeList(directory: string): string[] {
  try {
    return readdirSync(directory).sort();
  } catch {
    return [];
  }
}

function addZone(estate: Estate, file: SourceFile, origin: string, options: OctodnsOptions): void {
  const parsed = parseOctodnsZone(file);
  estate.files.push({ file, comments: parsed.comments, commentPrefixes: ["#"] });
  if (reportedErrors(estate, file, parsed.errors)) return;
  const records: DnsRecord[] = parsed.records.map((record) => ({
    kind: "dns-record",
    owner: record.name === "" ? origin : `${record.name}.${origin}`,
    ttl: record.ttl ?? 0,
    type: record.type,
    data: record.data,
    range: new SourceRange(file, record.span.start, record.span.end),
    dataRanges: record.dataSpans.map((span) => new SourceRange(file, span.start, span.end)),
  }));
  const apex = records.find((record) => record.owner === origin);
  const zone: DnsZone = {
    kind: "dns-zone",
    origin,
    repository: repositoryOf(file.absolutePath),
    range: apex?.range ?? new SourceRange(file, 0, 0),
    records,
    isPrivate: isNeverPublicZone(origin) || (options.isPrivateZone?.(origin) ?? false),
    signing: "unknown",
    keptIn: "octodns",
  };
  estate.zones.push(zone);
}
