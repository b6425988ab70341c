/**
 * octoDNS estates onto the DNS model: each zone of a configuration whose source is a YAML
 * provider is read from `<directory>/<zone>.yaml`, from the record files of its split directory
 * (`<directory>/<zone>./*.yaml`), or both, with the source's shared file (for `"*"`, every zone
 * the directory holds), as one zone, so every DNS and private-addressing rule applies to it. An
 * alias zone (`alias: example.org.`) carries the records of the zone it names, read from that
 * zone's files under its own name, as octoDNS copies them. The provider octoDNS syncs to decides
 * signing, which the scan cannot see.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, isAbsolute, resolve } from "node:path";
import { isNeverPublicZone } from "../model/special-use-zones.js";
import { SourceRange, type SourceFile, type Span } from "../source/source-file.js";
import {
  looksLikeOctodnsConfig,
  parseOctodnsConfig,
  parseOctodnsZone,
  type OctodnsConfig,
  type OctodnsZoneFile,
  type YamlSource,
} from "../parsers/octodns/parse-octodns.js";
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
  // Each file read, parsed and listed once, its errors reported once: a shared file belongs to
  // every zone of its source.
  const read = new Map<string, ZoneFile | undefined>();
  const readOnce = (path: string) => {
    if (!read.has(path)) {
      const file = options.read(path, displayPath(path, options.cwd));
      let zoneFile: ZoneFile | undefined;
      if (file && !looksLikeOctodnsConfig(file.text)) {
        const parsed = parseOctodnsZone(file);
        estate.files.push({ file, comments: parsed.comments, commentPrefixes: ["#"] });
        reportIncludes(estate, file, parsed.includes);
        zoneFile = { file, parsed, broken: reportedErrors(estate, file, parsed.errors) };
      }
      read.set(path, zoneFile);
    }
    return read.get(path);
  };
  for (const configFile of configs) {
    const config = parseOctodnsConfig(configFile);
    if (reportedErrors(estate, configFile, config.errors)) continue;
    reportIncludes(estate, configFile, config.includes);
    for (const zone of config.zones) {
      const populated = zone.alias === undefined ? zone : aliasedZone(estate, configFile, config.zones, zone);
      if (!populated) continue;
      const { pathsByOrigin, yamlSources, unread } = sourceZones(config, configFile, populated, options);
      // An alias's missing files are reported once, at the zone it names.
      if (yamlSources && !pathsByOrigin.size && populated === zone)
        estate.diagnostics.push({
          range: new SourceRange(configFile, zone.span.start, zone.span.end),
          summary: "octoDNS zone not found",
          detail: `No YAML file of zone ${zone.name} was found within the scan in the directories of its sources (${zone.sources.join(", ")}), relative to the repository or to this file: it is not judged.`,
          kind: "octodns-zone-not-found",
        });
      for (const [found, pathSet] of pathsByOrigin) {
        // An alias zone carries the records of the zone it names, under its own name.
        const origin = populated === zone ? found : canonical(zone.name);
        const paths = [...pathSet];
        const key = `${origin}\u0000${paths.join("\u0000")}`;
        if (done.has(key)) continue;
        done.add(key);
        const files = paths.map(readOnce).filter((file): file is ZoneFile => file !== undefined);
        if (files.length) addZone(estate, files, origin, options, unread);
      }
    }
  }
}

type ConfiguredZone = OctodnsConfig["zones"][number];

/**
 * The zone an alias zone copies its records from, as octoDNS finds it: declared by that name in the
 * same configuration and not an alias itself. octoDNS refuses any other alias; so, not judged, does iflint.
 */
function aliasedZone(
  estate: Estate,
  configFile: SourceFile,
  zones: readonly ConfiguredZone[],
  alias: ConfiguredZone,
): ConfiguredZone | undefined {
  const target = zones.find((zone) => zone.name === alias.alias && zone.name !== "*");
  if (target && target.alias === undefined) return target;
  estate.diagnostics.push({
    range: new SourceRange(configFile, alias.span.start, alias.span.end),
    summary: "octoDNS alias zone not found",
    detail: `Zone ${alias.name} is an alias of ${alias.alias}, which ${target ? "is itself an alias" : "this configuration does not declare"}: octoDNS refuses the configuration, so the zone is not judged.`,
    kind: "octodns-zone-not-found",
  });
  return undefined;
}

/** The files that hold a zone's records in each of its YAML sources, by origin (several for `"*"`). */
function sourceZones(
  config: OctodnsConfig,
  configFile: SourceFile,
  zone: ConfiguredZone,
  options: OctodnsOptions,
): { pathsByOrigin: Map<string, Set<string>>; yamlSources: number; unread: boolean } {
  // octoDNS populates a zone from each of its sources in turn: one zone of all their files.
  const pathsByOrigin = new Map<string, Set<string>>();
  let yamlSources = 0;
  // A source that is not a YAML provider (a DNS provider, NetBox...) may add records not seen here.
  let unread = false;
  for (const sourceName of zone.sources) {
    const source = config.yamlSources.get(sourceName);
    if (!source) {
      unread = true;
      continue;
    }
    yamlSources++;
    // The first candidate directory that holds the zone's files (octoDNS runs from the repository's root, usually).
    const zones =
      sourceDirectories(source.directory, configFile.absolutePath, options.paths)
        .map((found) => zonesIn(found, source, zone.name))
        .find((found) => found.length) ?? [];
    for (const { origin, paths } of zones) {
      const known = pathsByOrigin.get(origin) ?? new Set();
      for (const path of paths) known.add(path);
      pathsByOrigin.set(origin, known);
    }
  }
  return { pathsByOrigin, yamlSources, unread };
}

/** `!include`s are not followed: one warning each, and a zone holding one is incomplete. */
function reportIncludes(estate: Estate, file: SourceFile, includes: readonly Span[]): void {
  for (const span of includes)
    estate.diagnostics.push({
      range: new SourceRange(file, span.start, span.end),
      summary: "octoDNS !include not read",
      detail: "iflint does not follow octoDNS's !include: what the included file holds is not judged.",
      kind: "include-not-read",
    });
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

/** A file of records, parsed; `broken` when it had YAML errors (reported, its records not read). */
interface ZoneFile {
  file: SourceFile;
  parsed: OctodnsZoneFile;
  broken: boolean;
}

/** A zone of a YAML source: its origin and the real paths of the files holding its records, in octoDNS's order. */
interface SourceZone {
  origin: string;
  paths: string[];
}

const canonical = (name: string) => `${name.toLowerCase().replace(/\.$/, "")}.`;

/** The zones a source holds for a zone entry (`example.org.`, or `"*"` for every zone it has files for). */
function zonesIn(directory: string, source: YamlSource, zoneName: string): SourceZone[] {
  const zones: SourceZone[] = [];
  // Names as the file system spells them, without the final dot.
  for (const name of zoneName === "*" ? zoneNamesIn(directory, source) : [zoneName.replace(/\.$/, "")]) {
    const paths: string[] = [];
    if (source.splitExtension !== undefined) {
      const split = entryIn(directory, `${name}${source.splitExtension}`, "directory");
      if (split)
        for (const entry of safeList(split)) if (entry.endsWith(".yaml")) paths.push(...regularFileIn(split, entry));
    }
    if (source.zoneFile)
      // octoDNS reads `<zone>.yaml`; `.yml` is taken too, when there is no `.yaml`.
      paths.push(...[`${name}.yaml`, `${name}.yml`].flatMap((file) => regularFileIn(directory, file)).slice(0, 1));
    // Every zone of the source gets the shared file's records (a zone named in the configuration
    // even with no file of its own, as octoDNS populates it).
    if (source.sharedFile) paths.push(...regularFileIn(directory, source.sharedFile));
    if (!paths.length) continue;
    // As octoDNS orders them: by path.
    zones.push({ origin: canonical(name), paths: paths.sort() });
  }
  return zones;
}

/** Names of the zones a source has files for, without the final dot: split directories, then zone files. */
function zoneNamesIn(directory: string, source: YamlSource): string[] {
  const names = new Set<string>();
  const extension = source.splitExtension;
  for (const entry of safeList(directory)) {
    if (extension !== undefined && entry.endsWith(extension) && entry.length > extension.length) {
      const name = entry.slice(0, entry.length - extension.length);
      if (name.includes(".") || extension.startsWith(".")) {
        if (entryIn(directory, entry, "directory")) names.add(name.replace(/\.$/, ""));
        continue;
      }
    }
    if (source.zoneFile && /\..*\.ya?ml$/i.test(entry)) names.add(entry.replace(/\.ya?ml$/i, "").replace(/\.$/, ""));
  }
  return [...names].sort();
}

/**
 * The real path of `name` in `directory` when it stays there (no link out) and is what `wanted`
 * asks for: a regular file (never a FIFO or device), or a directory.
 */
function entryIn(directory: string, name: string, wanted: "file" | "directory"): string | undefined {
  try {
    const real = realpathSync(join(directory, name));
    const stats = statSync(real);
    return dirname(real) === directory && (wanted === "file" ? stats.isFile() : stats.isDirectory()) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** `entryIn` for a regular file, as a list of none or one. */
function regularFileIn(directory: string, name: string): string[] {
  const real = entryIn(directory, name, "file");
  return real === undefined ? [] : [real];
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

/**
 * One zone from the files its sources keep it in. A file with YAML errors or an `!include`, or a
 * source iflint does not read, leaves it incomplete: what it lacks cannot be told.
 */
function addZone(
  estate: Estate,
  files: readonly ZoneFile[],
  origin: string,
  options: OctodnsOptions,
  unreadSource: boolean,
): void {
  const records: DnsRecord[] = [];
  let incomplete = unreadSource;
  let unparsed = false;
  for (const { file, parsed, broken } of files) {
    if (broken) {
      incomplete = unparsed = true;
      continue;
    }
    if (parsed.includes.length) incomplete = true;
    for (const record of parsed.records)
      records.push({
        kind: "dns-record",
        owner: record.name === "" ? origin : `${record.name}.${origin}`,
        ttl: record.ttl ?? 0,
        type: record.type,
        data: record.data,
        range: new SourceRange(file, record.span.start, record.span.end),
        dataRanges: record.dataSpans.map((span) => new SourceRange(file, span.start, span.end)),
        ...(record.proxied ? { proxied: true as const } : {}),
      });
  }
  // A zone whose only file does not parse is not judged at all.
  if (unparsed && !records.length) return;
  const apex = records.find((record) => record.owner === origin);
  const zone: DnsZone = {
    kind: "dns-zone",
    origin,
    repository: repositoryOf(files[0].file.absolutePath),
    range: apex?.range ?? new SourceRange(files[0].file, 0, 0),
    records,
    isPrivate: isNeverPublicZone(origin) || (options.isPrivateZone?.(origin) ?? false),
    signing: "unknown",
    keptIn: "octodns",
    ...(incomplete ? { incomplete } : {}),
  };
  estate.zones.push(zone);
}
