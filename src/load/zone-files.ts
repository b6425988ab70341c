/** DNS zone files onto the model: one zone per file (with its $INCLUDEs), records with ranges. */
import { isNeverPublicZone } from "../model/special-use-zones.js";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import { parseZone, zoneOriginFromFileName } from "../parsers/zone/parse-zone.js";
import type { Estate } from "../model/estate.js";
import type { DnsRecord, DnsZone } from "../model/dns.js";

export interface ZoneOptions {
  /** Reads an `$INCLUDE`d file, or undefined when it is unreadable or outside the scanned root. */
  readInclude: (path: string, from: SourceFile) => SourceFile | undefined;
  /** Zone names or globs meant to stay private (configuration `privateZones`). */
  isPrivateZone?: (origin: string) => boolean;
}

export function addZoneFile(estate: Estate, file: SourceFile, options: ZoneOptions): void {
  const parsed = parseZone(file, { origin: undefined, readInclude: options.readInclude });
  estate.files.push({ file, comments: parsed.comments, commentPrefixes: [";"] });
  for (const included of parsed.includes) estate.files.push({ file: included, comments: [], commentPrefixes: [";"] });
  for (const diagnostic of parsed.diagnostics) {
    estate.diagnostics.push({
      range: new SourceRange(diagnostic.file, diagnostic.start, diagnostic.end),
      summary: diagnostic.summary,
      detail: diagnostic.detail,
    });
  }
  const origin = parsed.origin || zoneOriginFromFileName(file.path) || ".";
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
  const zone: DnsZone = {
    kind: "dns-zone",
    origin: origin.toLowerCase(),
    range: soa?.range ?? new SourceRange(file, 0, 0),
    records,
    isPrivate: isNeverPublicZone(origin) || (options.isPrivateZone?.(origin.toLowerCase()) ?? false),
  };
  estate.zones.push(zone);
}
