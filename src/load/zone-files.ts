/**
 * DNS zone files onto the model: one zone per file with its `$INCLUDE`s. A file that another
 * zone includes is a fragment of that zone, never a zone of its own; a template is not a zone; a
 * zone whose origin nothing gives is not judged. What named.conf declares (origin, signing, private
 * views) comes in as declarations.
 */
import { basename } from "node:path";
import { statSync } from "node:fs";
import { isNeverPublicZone } from "../model/special-use-zones.js";
import { undelegatedTld } from "../model/delegated-tlds.js";
import { isPrivateAddressOrPrefix } from "./private-addresses.js";
import { SourceFile as SourceFileClass, SourceRange, type SourceFile } from "../source/source-file.js";
import { isIncomplete, parseZone, type ParsedZone } from "../parsers/zone/parse-zone.js";
import { TEMPLATE_FILE_NAME, templateSyntaxAt } from "../parsers/zone/zone-template.js";
import { readSourceFile } from "../source/read-source.js";
import { displayPath } from "../parsers/discover-files.js";
import type { Estate, ParseDiagnostic } from "../model/estate.js";
import type { DnsRecord, DnsZone } from "../model/dns.js";
import { realOrSelf, repositoryOf, type ConfinedPaths } from "./zone-include-paths.js";

/** A zone that BIND's configuration serves from a file. */
export interface ZoneDeclaration {
  origin: string;
  /** `primary` (or `master`), `secondary` (or `slave`), ... */
  type: string;
  signed: boolean;
  /** In a view that only private clients reach. */
  isPrivate: boolean;
  /** The `zone` statement, for locations. */
  range: SourceRange;
  /** named.conf's `directory`, where BIND resolves relative `$INCLUDE` paths. */
  directory?: string;
}

export interface ZoneFileInput {
  absolutePath: string;
  displayPath: string;
  /** Named by configuration (`zoneFiles`) or named.conf: a template there is worth a warning. */
  configured: boolean;
  declarations: readonly ZoneDeclaration[];
}

export interface ZoneOptions {
  paths: ConfinedPaths;
  cwd: string;
  /** Zone names or globs meant to stay private (configuration `privateZones`). */
  isPrivateZone?: (origin: string) => boolean;
}

interface Candidate {
  input: ZoneFileInput;
  file: SourceFile;
  real: string;
  declaration?: ZoneDeclaration;
  parsed: ParsedZone;
  template: boolean;
}

export function addZoneFiles(estate: Estate, inputs: readonly ZoneFileInput[], options: ZoneOptions): void {
  const cache = new Map<string, SourceFile | undefined>();
  const read = (real: string, shown: string) => {
    if (!cache.has(real))
      cache.set(real, isRegularFile(estate, real, shown) ? readSourceFile(estate, real, shown) : undefined);
    return cache.get(real);
  };
  const candidates: Candidate[] = [];
  for (const input of inputs) {
    const real = realOrSelf(input.absolutePath);
    const file = read(real, input.displayPath);
    if (!file) continue;
    // A template is parsed all the same: the files it includes are its fragments, not zones.
    const fileIsTemplate = isTemplate(estate, file, input);
    for (const declaration of mergedDeclarations(input.declarations)) {
      const readInclude = (path: string, from: SourceFile) => {
        const resolved = options.paths.resolve(
          path,
          from.absolutePath,
          declaration?.directory ? [declaration.directory] : [],
        );
        if (!resolved.path) return resolved.refused;
        return read(resolved.path, displayPath(resolved.path, options.cwd)) ?? "it cannot be read";
      };
      const parsed = parseZone(file, {
        origin: declaration?.origin,
        readInclude,
        secondary: declaration?.type === "secondary",
      });
      // A zone that includes a template (a shared header with {{serial}}) is one too; its other
      // includes are still its fragments.
      const template = fileIsTemplate || parsed.includes.find((included) => templateAt(included));
      if (template && template !== true) isTemplate(estate, template, input);
      candidates.push({ input, file, real, declaration, parsed, template: Boolean(template) });
      if (template) break;
    }
  }
  // A file reached by $INCLUDE from another zone is a fragment of it, unless named.conf declares it.
  const included = new Set<string>();
  for (const candidate of candidates)
    for (const file of candidate.parsed.includes)
      if (file.absolutePath !== candidate.real) included.add(file.absolutePath);
  const zones = candidates.filter(
    (candidate) => !candidate.template && (candidate.declaration || !included.has(candidate.real)),
  );
  // A secondary is a copy of a zone served elsewhere: judged where its primary is, when that is in
  // the same repository.
  const key = (zone: Candidate) => `${repositoryOf(zone.real)}\u0000${zone.parsed.origin.toLowerCase()}`;
  const primaries = new Set(zones.filter((zone) => zone.declaration?.type !== "secondary").map(key));
  const seenFiles = new Set<SourceFile>();
  for (const candidate of zones) {
    if (candidate.declaration?.type === "secondary" && primaries.has(key(candidate))) continue;
    for (const file of [candidate.file, ...candidate.parsed.includes]) {
      if (seenFiles.has(file)) continue;
      seenFiles.add(file);
      estate.files.push({
        file,
        comments: file === candidate.file ? candidate.parsed.comments : [],
        commentPrefixes: [";"],
      });
    }
    addZone(estate, candidate, options);
  }
}

function addZone(estate: Estate, { file, parsed, declaration }: Candidate, options: ZoneOptions): void {
  for (const diagnostic of parsed.diagnostics) {
    estate.diagnostics.push({
      range: new SourceRange(diagnostic.file, diagnostic.start, diagnostic.end),
      summary: diagnostic.summary,
      detail: diagnostic.detail,
      ...(diagnostic.kind ? { kind: diagnostic.kind } : {}),
    });
  }
  // A file name such as db.trust or db.booking names no top-level domain's zone (registries run
  // those): a single label guessed from the name counts only when the internet does not delegate it.
  const guessedTld =
    parsed.originFrom === "file-name" && /^[^.]+\.$/.test(parsed.origin) && !undelegatedTld(parsed.origin);
  const origin = guessedTld ? "" : parsed.origin;
  if (!origin) {
    estate.diagnostics.push({
      range: new SourceRange(file, 0, 0),
      summary: "zone origin unknown",
      detail: `${basename(file.path)} has no $ORIGIN, no SOA with an absolute owner and no file name that names a zone below a top-level domain: declare it in named.conf or give it a $ORIGIN; its records are not judged.`,
      kind: "zone-origin-unknown",
    });
    return;
  }
  const lower = origin.toLowerCase();
  // A zone holds its apex and the names below it (RFC 1034 §4.2.1): BIND loads a zone file's other
  // records with a warning ("ignoring out-of-zone data") and never serves them.
  const inZone = parsed.records.filter((record) => {
    const owner = record.owner.toLowerCase();
    if (lower === "." || owner === lower || owner.endsWith(`.${lower}`)) return true;
    estate.diagnostics.push({
      range: new SourceRange(record.file, record.start, record.end),
      summary: "out-of-zone data",
      detail: `${record.owner} is not in zone ${origin}: a name server ignores this record, so it is not judged.`,
      kind: "out-of-zone-data",
    });
    return false;
  });
  const records: DnsRecord[] = inZone.map((record) => ({
    kind: "dns-record",
    owner: record.owner,
    ttl: record.ttl,
    type: record.type.toUpperCase(),
    data: record.data,
    range: new SourceRange(record.file, record.start, record.end),
    dataRanges: record.dataSpans.map((span) => new SourceRange(record.file, span.start, span.end)),
  }));
  const soa = records.find((record) => record.type === "SOA");
  const zone: DnsZone = {
    kind: "dns-zone",
    origin: lower,
    repository: repositoryOf(file.absolutePath),
    range: soa?.range ?? new SourceRange(file, 0, 0),
    records,
    isPrivate:
      (declaration?.isPrivate ?? false) ||
      isNeverPublicZone(origin) ||
      (options.isPrivateZone?.(lower) ?? false) ||
      nameServersArePrivate(lower, records),
    // Part of the zone was not read: what it lacks cannot be told.
    ...(isIncomplete(parsed) ? { incomplete: true } : {}),
    // BIND signs it as it serves it (dnssec-policy, auto-dnssec maintain, inline-signing).
    ...(declaration?.signed ? { signing: "signed" as const } : {}),
  };
  estate.zones.push(zone);
}

/**
 * A template (by name or content) is not read as a zone: silently when only a file-name pattern
 * found it, with one warning when configuration named it as a zone.
 */
function isTemplate(estate: Estate, file: SourceFile, input: ZoneFileInput): boolean {
  const at = templateAt(file);
  if (!at) return false;
  if (input.configured && !reportedTemplates.has(file)) {
    reportedTemplates.add(file);
    const diagnostic: ParseDiagnostic = {
      range: new SourceRange(file, at.start, at.end),
      summary: "zone template",
      detail:
        "The file is a template (placeholders such as {{ }}, {% %}, %(name)s, <%= %> or ${...}), not a zone file: scan the rendered zone instead.",
      kind: "zone-template",
    };
    estate.diagnostics.push(diagnostic);
  }
  return true;
}

/**
 * A zone whose apex name servers all have private addresses (glue in the zone) is served only
 * inside that private network: nobody on the internet can reach its servers.
 */
function nameServersArePrivate(origin: string, records: readonly DnsRecord[]): boolean {
  const servers = records
    .filter((record) => record.type === "NS" && record.owner.toLowerCase() === origin)
    .map((record) => record.data[0]?.toLowerCase());
  if (!servers.length) return false;
  return servers.every((server) => {
    const addresses = records.filter(
      (record) => (record.type === "A" || record.type === "AAAA") && record.owner.toLowerCase() === server,
    );
    return addresses.length > 0 && addresses.every((record) => isPrivateAddressOrPrefix(record.data[0] ?? ""));
  });
}

const reportedTemplates = new WeakSet<SourceFile>();

const templates = new WeakMap<SourceFile, { start: number; end: number } | undefined>();

function templateAt(file: SourceFile): { start: number; end: number } | undefined {
  if (!templates.has(file))
    templates.set(file, TEMPLATE_FILE_NAME.test(file.path) ? { start: 0, end: 0 } : templateSyntaxAt(file.text));
  return templates.get(file);
}

/**
 * One zone per file and origin: configurations that declare the same zone from the same file in
 * several places (an include read by every view) make one zone, private only if every place is.
 */
function mergedDeclarations(declarations: readonly ZoneDeclaration[]): (ZoneDeclaration | undefined)[] {
  if (!declarations.length) return [undefined];
  const byOrigin = new Map<string, ZoneDeclaration>();
  for (const declaration of declarations) {
    const key = declaration.origin.toLowerCase();
    const seen = byOrigin.get(key);
    byOrigin.set(
      key,
      seen
        ? {
            ...seen,
            isPrivate: seen.isPrivate && declaration.isPrivate,
            signed: seen.signed && declaration.signed,
            type: seen.type === "primary" || declaration.type === "primary" ? "primary" : seen.type,
          }
        : declaration,
    );
  }
  return [...byOrigin.values()];
}

/** FIFOs, devices and sockets are never opened: reading one could block the scan or never end. */
function isRegularFile(estate: Estate, real: string, shown: string): boolean {
  try {
    if (statSync(real).isFile()) return true;
  } catch {
    return true; // Unreadable: reading it reports why.
  }
  estate.diagnostics.push({
    range: new SourceRange(new SourceFileClass(shown, "", real), 0, 0),
    summary: "not a regular file",
    detail: "The path is a device, FIFO or socket, not a zone file; it is not read.",
    kind: "special-file",
  });
  return false;
}
