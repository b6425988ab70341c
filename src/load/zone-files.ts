/**
 * DNS zone files onto the model: one zone per file with its `$INCLUDE`s. A file that another
 * zone includes is a fragment of that zone, never a zone of its own; a template is not a zone; a
 * zone whose origin nothing gives is not judged. What named.conf declares (origin, signing, private
 * views) comes in as declarations.
 */
import { basename } from "node:path";
import { realpathSync } from "node:fs";
import { isNeverPublicZone } from "../model/special-use-zones.js";
import { undelegatedTld } from "../model/delegated-tlds.js";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import { parseZone, type ParsedZone } from "../parsers/zone/parse-zone.js";
import { TEMPLATE_FILE_NAME, templateSyntaxAt } from "../parsers/zone/zone-template.js";
import { readSourceFile } from "../source/read-source.js";
import { displayPath } from "../parsers/discover-files.js";
import type { Estate, ParseDiagnostic } from "../model/estate.js";
import type { DnsRecord, DnsZone } from "../model/dns.js";
import type { ConfinedPaths } from "./zone-include-paths.js";

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
}

export function addZoneFiles(estate: Estate, inputs: readonly ZoneFileInput[], options: ZoneOptions): void {
  const cache = new Map<string, SourceFile | undefined>();
  const read = (real: string, shown: string) => {
    if (!cache.has(real)) cache.set(real, readSourceFile(estate, real, shown));
    return cache.get(real);
  };
  const candidates: Candidate[] = [];
  for (const input of inputs) {
    const real = realOrSelf(input.absolutePath);
    const file = read(real, input.displayPath);
    if (!file) continue;
    if (isTemplate(estate, file, input)) continue;
    for (const declaration of input.declarations.length ? input.declarations : [undefined]) {
      const readInclude = (path: string, from: SourceFile) => {
        const resolved = options.paths.resolve(
          path,
          from.absolutePath,
          declaration?.directory ? [declaration.directory] : [],
        );
        if (!resolved.path) return resolved.refused;
        return read(resolved.path, displayPath(resolved.path, options.cwd)) ?? "it cannot be read";
      };
      const parsed = parseZone(file, { origin: declaration?.origin, readInclude });
      candidates.push({ input, file, real, declaration, parsed });
    }
  }
  // A file reached by $INCLUDE from another zone is a fragment of it, unless named.conf declares it.
  const included = new Set<string>();
  for (const candidate of candidates)
    for (const file of candidate.parsed.includes)
      if (file.absolutePath !== candidate.real) included.add(file.absolutePath);
  const zones = candidates.filter((candidate) => candidate.declaration || !included.has(candidate.real));
  // A secondary is a copy of a zone served elsewhere: judged where its primary is, when that is scanned.
  const primaries = new Set(
    zones.filter((zone) => zone.declaration?.type !== "secondary").map((zone) => zone.parsed.origin.toLowerCase()),
  );
  const seenFiles = new Set<SourceFile>();
  for (const candidate of zones) {
    if (candidate.declaration?.type === "secondary" && primaries.has(candidate.parsed.origin.toLowerCase())) continue;
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
  const records: DnsRecord[] = parsed.records.map((record) => ({
    kind: "dns-record",
    owner: record.owner,
    ttl: record.ttl,
    type: record.type.toUpperCase(),
    data: record.data,
    range: new SourceRange(record.file, record.start, record.end),
    dataRanges: record.dataSpans.map((span) => new SourceRange(record.file, span.start, span.end)),
  }));
  const soa = records.find((record) => record.type === "SOA");
  const lower = origin.toLowerCase();
  const zone: DnsZone = {
    kind: "dns-zone",
    origin: lower,
    range: soa?.range ?? new SourceRange(file, 0, 0),
    records,
    isPrivate:
      (declaration?.isPrivate ?? false) || isNeverPublicZone(origin) || (options.isPrivateZone?.(lower) ?? false),
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
  const at = TEMPLATE_FILE_NAME.test(file.path) ? { start: 0, end: 0 } : templateSyntaxAt(file.text);
  if (!at) return false;
  if (input.configured) {
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

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
