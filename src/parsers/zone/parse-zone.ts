/**
 * RFC 1035 master files (zone files) with BIND's extensions: $ORIGIN, $TTL, $INCLUDE, $GENERATE,
 * omitted owner/TTL/class inherited as BIND does, and record data checked per type. A bad record
 * is a diagnostic at its line; the rest of the zone is still read.
 */
import type { SourceFile } from "../../source/source-file.js";
import { tokenizeZone, type ZoneEntry, type ZoneToken } from "./zone-tokenizer.js";
import { KNOWN_TYPES, absoluteName, parseRdata, parseTtl } from "./zone-rdata.js";
import { expandGenerate } from "./zone-generate.js";
import { zoneIntegrity } from "./zone-integrity.js";

export interface ZoneRecord {
  /** Absolute owner name with a trailing dot. */
  owner: string;
  ttl: number;
  class: string;
  type: string;
  data: string[];
  file: SourceFile;
  start: number;
  end: number;
  dataSpans: { start: number; end: number }[];
}

export interface ZoneDiagnostic {
  file: SourceFile;
  start: number;
  end: number;
  summary: string;
  detail: string;
  /**
   * A warning rather than a parse error: input the zone is read without (an `$INCLUDE` not read, a
   * limit reached), so the zone is incomplete; or what BIND loads with a warning (`zone-integrity`).
   */
  kind?: "include-not-read" | "zone-limit" | "zone-integrity";
}

export interface ParsedZone {
  /** Absolute origin; "" when neither the caller, `$ORIGIN`, an absolute SOA owner nor the file name gives one. */
  origin: string;
  /** What gave the origin. */
  originFrom?: "caller" | "soa" | "$ORIGIN" | "file-name";
  file: SourceFile;
  records: ZoneRecord[];
  diagnostics: ZoneDiagnostic[];
  includes: SourceFile[];
  comments: { start: number; end: number; text: string }[];
}

export interface ZoneParseOptions {
  origin?: string;
  /** Reads an `$INCLUDE`d file; a reason it was not read (missing, outside the scan, not a regular file) otherwise. */
  readInclude?: (path: string, fromFile: SourceFile) => SourceFile | string | undefined;
  /** Loaded as a secondary's copy: BIND refuses only a primary zone whose name servers have no address. */
  secondary?: boolean;
}

const CLASSES = new Set(["IN", "CH", "HS", "CS"]);

/**
 * Limits on what one zone may make of its input: hostile or broken files (eight levels of
 * `$INCLUDE` each including the next twice) must not exhaust memory. The IANA root zone (about
 * 20,000 records, 2 MiB) is far below them.
 */
export const ZONE_LIMITS = { includeDepth: 8, includedCharacters: 64 * 1024 * 1024, records: 500_000 };

/** An origin that stands for "not known": names made absolute against it are recognised afterwards. */
const UNKNOWN_ORIGIN = "origin-unknown.invalid.";

/** `example.org.zone`, `example.org.db`, `db.example.org` → `example.org.` */
export function zoneOriginFromFileName(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop() ?? "";
  // db.example.org, example.org.zone, example.org.db; or, for a file the zoneFiles setting names,
  // example.org itself (but not named.conf or records.txt).
  const base = name.startsWith("db.")
    ? name.slice(3)
    : /\.(zone|db)$/i.test(name)
      ? name.replace(/\.(zone|db)$/i, "")
      : name.includes(".") && !NOT_ZONE_EXTENSIONS.test(name)
        ? name
        : "";
  if (!base || !/^[A-Za-z0-9_.-]+$/.test(base)) return undefined;
  // BIND's db.192.168, db.10.254.28 and Debian's db.0, db.127, db.255 hold the reverse zones of those networks.
  if (/^\d{1,3}(\.\d{1,3}){0,3}$/.test(base)) return `${base.split(".").reverse().join(".")}.in-addr.arpa.`;
  return `${base.replace(/\.$/, "")}.`;
}

const NOT_ZONE_EXTENSIONS = /\.(conf|cfg|txt|json|ya?ml|md|j2|tmpl|tpl|erb|bak|orig|old|sample|example|sh|py)$/i;

interface State {
  origin: string;
  /** Characters read through `$INCLUDE` so far, shared by the whole zone. */
  budget: { includedCharacters: number; stopped: boolean };
  /** The first SOA's owner was written as an absolute name. */
  soaOwnerAbsolute?: boolean;
  defaultTtl?: number;
  lastTtl?: number;
  lastOwner?: string;
  lastClass: string;
  soaMinimum?: number;
}

export function parseZone(file: SourceFile, options: ZoneParseOptions = {}): ParsedZone {
  const fromName = zoneOriginFromFileName(file.path);
  const given = options.origin || undefined;
  const zone: ParsedZone = { origin: given ?? "", file, records: [], diagnostics: [], includes: [], comments: [] };
  const state: State = {
    origin: normalizeOrigin(given ?? fromName ?? UNKNOWN_ORIGIN),
    budget: { includedCharacters: 0, stopped: false },
    lastClass: "IN",
  };
  const explicitOrigin = parseFile(file, state, zone, options, [file.absolutePath], true);
  // The SOA marks the apex (RFC 1035 §5.2). It decides when `$ORIGIN` is only a base for relative
  // names, as in `named-compilezone` output (`$ORIGIN .` then `example.com IN SOA ...`). An SOA owner
  // written relative to an origin nobody gave (`@`) says nothing: the origin stays unknown, never `.`.
  const soaOwner = zone.records.find((record) => record.type === "SOA")?.owner;
  const known = (name: string | undefined) => (name && !name.toLowerCase().endsWith(UNKNOWN_ORIGIN) ? name : undefined);
  zone.origin = given ? normalizeOrigin(given) : (known(soaOwner) ?? explicitOrigin ?? fromName ?? "");
  // An SOA owner written relative (`@`) before any $ORIGIN only repeats the origin guessed from the file name.
  zone.originFrom = given
    ? "caller"
    : explicitOrigin
      ? "$ORIGIN"
      : known(soaOwner) && state.soaOwnerAbsolute
        ? "soa"
        : fromName
          ? "file-name"
          : known(soaOwner)
            ? "soa"
            : undefined;
  reportCnameAndOtherData(zone);
  // What a zone lacks cannot be told when part of it was not read.
  if (known(zone.origin) && !isIncomplete(zone))
    zone.diagnostics.push(...zoneIntegrity(zone.origin, zone.records, !options.secondary));
  return zone;
}

/** Part of the zone was not read (an `$INCLUDE` missing or refused, a limit reached). */
export function isIncomplete(zone: ParsedZone): boolean {
  return zone.diagnostics.some(
    (diagnostic) => diagnostic.kind === "include-not-read" || diagnostic.kind === "zone-limit",
  );
}

/** A CNAME owns its name alone (RFC 1034 §3.6.2; DNSSEC records aside): BIND rejects a zone that says otherwise. */
function reportCnameAndOtherData(zone: ParsedZone): void {
  const types = new Map<string, Set<string>>();
  for (const record of zone.records) {
    const owner = record.owner.toLowerCase();
    types.set(owner, (types.get(owner) ?? new Set()).add(record.type.toUpperCase()));
  }
  const reported = new Set<string>();
  for (const record of zone.records) {
    const owner = record.owner.toLowerCase();
    const others = [...(types.get(owner) ?? [])].filter((type) => !CNAME_COMPANIONS.has(type));
    if (
      !types.get(owner)?.has("CNAME") ||
      others.length === 0 ||
      record.type.toUpperCase() !== "CNAME" ||
      reported.has(owner)
    )
      continue;
    reported.add(owner);
    zone.diagnostics.push({
      file: record.file,
      start: record.start,
      end: record.end,
      summary: "CNAME and other data",
      detail: `Expected ${record.owner} to have no records beside its CNAME, but it also has ${others.join(", ")}.`,
    });
  }
}

const CNAME_COMPANIONS = new Set(["CNAME", "RRSIG", "NSEC", "NSEC3", "KEY"]);

function normalizeOrigin(origin: string): string {
  return origin.endsWith(".") ? origin : `${origin}.`;
}

/** Parses one file's entries into the zone; returns the first $ORIGIN it set, if any. */
function parseFile(
  file: SourceFile,
  state: State,
  zone: ParsedZone,
  options: ZoneParseOptions,
  chain: string[],
  main: boolean,
): string | undefined {
  const tokenized = tokenizeZone(file);
  if (main) zone.comments.push(...tokenized.comments);
  const report = (start: number, end: number, summary: string, detail: string) =>
    zone.diagnostics.push({ file, start, end, summary, detail });
  for (const error of tokenized.errors) report(error.start, error.end, error.summary, error.detail);
  let firstOrigin: string | undefined;
  for (const entry of tokenized.entries) {
    if (state.budget.stopped) break;
    const [first] = entry.tokens;
    if (!entry.inheritsOwner && first.text.startsWith("$") && !first.quoted) {
      const directive = first.text.toUpperCase();
      const args = entry.tokens.slice(1);
      if (directive === "$ORIGIN") {
        const origin = args[0] && absoluteName(args[0].text, state.origin);
        if (!origin) report(entry.start, entry.end, "bad $ORIGIN", "Expected $ORIGIN followed by a domain name.");
        else {
          state.origin = origin;
          firstOrigin ??= origin;
        }
      } else if (directive === "$TTL") {
        const ttl = args[0] && parseTtl(args[0].text);
        if (ttl === undefined)
          report(entry.start, entry.end, "bad $TTL", "Expected $TTL followed by a time such as 3600 or 1h.");
        else state.defaultTtl = ttl;
      } else if (directive === "$INCLUDE") {
        include(args, entry, file, state, zone, options, chain, report);
      } else if (directive === "$GENERATE") {
        const lines = expandGenerate(args, entry);
        if (typeof lines === "string") report(entry.start, entry.end, "bad $GENERATE", lines);
        else
          for (const tokens of lines) {
            if (!withinRecordLimit(entry, file, state, zone)) break;
            parseRecord({ ...entry, tokens, inheritsOwner: false }, file, state, zone, report);
          }
      } else {
        report(
          first.start,
          first.end,
          "unknown directive",
          `Expected $ORIGIN, $TTL, $INCLUDE or $GENERATE, but found ${first.text}.`,
        );
      }
      continue;
    }
    if (withinRecordLimit(entry, file, state, zone)) parseRecord(entry, file, state, zone, report);
  }
  return firstOrigin;
}

/** Past the record limit the zone stops being read, with one diagnostic where it stopped. */
function withinRecordLimit(entry: ZoneEntry, file: SourceFile, state: State, zone: ParsedZone): boolean {
  if (zone.records.length < ZONE_LIMITS.records) return true;
  stop(state, zone, {
    file,
    start: entry.start,
    end: entry.end,
    summary: "zone too large",
    detail: `The zone makes more than ${ZONE_LIMITS.records} records; the rest of it is not read.`,
  });
  return false;
}

function stop(state: State, zone: ParsedZone, diagnostic: Omit<ZoneDiagnostic, "kind">): void {
  if (state.budget.stopped) return;
  state.budget.stopped = true;
  zone.diagnostics.push({ ...diagnostic, kind: "zone-limit" });
}

function include(
  args: ZoneToken[],
  entry: ZoneEntry,
  file: SourceFile,
  state: State,
  zone: ParsedZone,
  options: ZoneParseOptions,
  chain: string[],
  report: (start: number, end: number, summary: string, detail: string) => void,
): void {
  const path = args[0]?.text;
  if (!path) return report(entry.start, entry.end, "bad $INCLUDE", "Expected $INCLUDE followed by a file name.");
  const included = options.readInclude?.(path, file) ?? "it cannot be read";
  if (typeof included === "string")
    return void zone.diagnostics.push({
      file,
      start: entry.start,
      end: entry.end,
      summary: "$INCLUDE not read",
      detail: `${path} is not read (${included}), so the zone is checked without it.`,
      kind: "include-not-read",
    });
  if (chain.includes(included.absolutePath))
    return report(
      entry.start,
      entry.end,
      "$INCLUDE cycle",
      `${path} includes itself (directly or through other files).`,
    );
  if (chain.length > ZONE_LIMITS.includeDepth)
    return stop(state, zone, {
      file,
      start: entry.start,
      end: entry.end,
      summary: "$INCLUDE too deep",
      detail: `Files are included more than ${ZONE_LIMITS.includeDepth} levels deep; the rest of the zone is not read.`,
    });
  state.budget.includedCharacters += included.text.length;
  if (state.budget.includedCharacters > ZONE_LIMITS.includedCharacters)
    return stop(state, zone, {
      file,
      start: entry.start,
      end: entry.end,
      summary: "$INCLUDE too large",
      detail: `The zone includes more than ${ZONE_LIMITS.includedCharacters / 1024 / 1024} MiB of files; the rest of it is not read.`,
    });
  zone.includes.push(included);
  // An included file starts with the origin given, or the current one; it does not change ours.
  const origin = args[1] ? absoluteName(args[1].text, state.origin) : state.origin;
  const inner: State = { ...state, origin: origin ?? state.origin };
  parseFile(included, inner, zone, options, [...chain, included.absolutePath], false);
  state.lastOwner = inner.lastOwner;
  state.lastTtl = inner.lastTtl;
}

function parseRecord(
  entry: ZoneEntry,
  file: SourceFile,
  state: State,
  zone: ParsedZone,
  report: (start: number, end: number, summary: string, detail: string) => void,
): void {
  const tokens = entry.tokens;
  let index = 0;
  let owner: string | undefined;
  if (entry.inheritsOwner) {
    owner = state.lastOwner;
    if (!owner)
      return report(
        entry.start,
        entry.end,
        "no current owner name",
        "A record that starts with white space uses the previous owner name, but there is none yet.",
      );
  } else {
    owner = absoluteName(tokens[0].text, state.origin);
    if (!owner)
      return report(
        tokens[0].start,
        tokens[0].end,
        "bad owner name",
        `Expected a domain name, but found "${tokens[0].text}".`,
      );
    index = 1;
  }
  let ttl: number | undefined;
  let recordClass: string | undefined;
  // TTL and class may come in either order before the type.
  for (let step = 0; step < 2 && index < tokens.length; step++) {
    const text = tokens[index].text;
    if (ttl === undefined && /^\d/.test(text)) {
      ttl = parseTtl(text);
      if (ttl === undefined)
        return report(
          tokens[index].start,
          tokens[index].end,
          "bad TTL",
          `Expected a time such as 3600 or 1h, but found "${text}".`,
        );
      index++;
    } else if (recordClass === undefined && CLASSES.has(text.toUpperCase())) {
      recordClass = text.toUpperCase();
      index++;
    }
  }
  const typeToken = tokens[index++];
  if (!typeToken)
    return report(
      entry.start,
      entry.end,
      "missing type",
      "Expected a record type (A, AAAA, CNAME, ...) after the owner, TTL and class.",
    );
  const type = typeToken.text.toUpperCase();
  if (!KNOWN_TYPES.has(type) && !/^TYPE\d+$/.test(type) && !/^[A-Z][A-Z0-9-]*$/.test(type)) {
    return report(
      typeToken.start,
      typeToken.end,
      "unknown RR type",
      `Expected a record type, but found "${typeToken.text}".`,
    );
  }
  const rdata = parseRdata(type, tokens.slice(index), state.origin);
  if ("summary" in rdata) {
    const at = rdata.token ?? typeToken;
    return report(at.start, at.end, rdata.summary, rdata.detail);
  }
  if (type === "SOA") {
    state.soaMinimum = Number(rdata.data[6]);
    if (!zone.records.some((record) => record.type === "SOA"))
      state.soaOwnerAbsolute = !entry.inheritsOwner && tokens[0].text !== "@" && tokens[0].text.endsWith(".");
  }
  const effectiveTtl =
    ttl ?? state.defaultTtl ?? state.lastTtl ?? (type === "SOA" ? Number(rdata.data[6]) : state.soaMinimum);
  if (effectiveTtl === undefined)
    return report(
      entry.start,
      entry.end,
      "no TTL",
      "The record has no TTL and there is no $TTL or earlier TTL to inherit.",
    );
  state.lastOwner = owner;
  if (ttl !== undefined) state.lastTtl = ttl;
  state.lastClass = recordClass ?? state.lastClass;
  zone.records.push({
    owner,
    ttl: effectiveTtl,
    class: state.lastClass,
    type,
    data: rdata.data,
    file,
    start: entry.start,
    end: entry.end,
    dataSpans: rdata.spans,
  });
}
