/**
 * The checks BIND makes once a zone is loaded, with named-checkzone's defaults: a name server of
 * the apex whose name is inside the zone must have an address there, or BIND refuses a primary
 * zone ("NS '...' has no address records (A or AAAA)"); an MX or SRV target inside the zone
 * without one is a warning. Names are looked up as BIND's database finds them: a zone cut or a
 * DNAME on the way ends the search, and a wildcard answers a name that does not exist.
 */
import type { SourceFile } from "../../source/source-file.js";

/** A record as the parser keeps it (absolute owner and names). */
interface IntegrityRecord {
  owner: string;
  type: string;
  data: string[];
  file: SourceFile;
  start: number;
  end: number;
  dataSpans: { start: number; end: number }[];
}

export interface IntegrityDiagnostic {
  file: SourceFile;
  start: number;
  end: number;
  summary: string;
  detail: string;
  /** Set for what BIND only warns about; an error (no kind) is what makes BIND refuse the zone. */
  kind?: "zone-integrity";
}

/** What looking up a target's address finds in the zone. */
type Found = "address" | "delegated" | "cname" | "dname" | "none";

/** Which data field holds the target each checked type names, and whether BIND refuses the zone for it. */
const CHECKED: Record<string, { field: number; refuses: boolean }> = {
  NS: { field: 0, refuses: true },
  MX: { field: 1, refuses: false },
  SRV: { field: 3, refuses: false },
};

/**
 * The load-time integrity diagnostics of a zone. `primary`: BIND refuses only a primary zone for
 * its name servers (a secondary's copy loads with a warning).
 */
export function zoneIntegrity(
  origin: string,
  records: readonly IntegrityRecord[],
  primary: boolean,
): IntegrityDiagnostic[] {
  const apex = origin.toLowerCase();
  const inZone = records.filter((record) => isAtOrBelow(record.owner.toLowerCase(), apex));
  const zone = new ZoneNames(apex, inZone);
  const diagnostics: IntegrityDiagnostic[] = [];
  for (const record of inZone) {
    const checked = CHECKED[record.type.toUpperCase()];
    const owner = record.owner.toLowerCase();
    const target = record.data[checked?.field ?? -1]?.toLowerCase();
    if (!checked || target === undefined || target === "." || !isAtOrBelow(target, apex)) continue;
    // BIND checks the apex's name servers (a delegation's are the child's), and data it is authoritative for.
    if (record.type.toUpperCase() === "NS" ? owner !== apex : zone.isDelegated(owner)) continue;
    const found = zone.findAddress(target);
    if (found === "address" || found === "delegated") continue;
    const refuses = checked.refuses && primary;
    diagnostics.push({
      file: record.file,
      start: record.start,
      end: record.end,
      ...describe(record, checked.field, found, refuses),
      ...(refuses ? {} : { kind: "zone-integrity" as const }),
    });
  }
  return diagnostics;
}

const FOUND: Record<Exclude<Found, "address" | "delegated">, { summary: string; detail: string }> = {
  none: { summary: "has no address records", detail: "has no address records (A or AAAA)" },
  cname: { summary: "is a CNAME", detail: "is a CNAME, which a target must never be (RFC 2181 §10.3)" },
  dname: { summary: "is below a DNAME", detail: "is below a DNAME" },
};

function describe(
  record: IntegrityRecord,
  field: number,
  found: Exclude<Found, "address" | "delegated">,
  refuses: boolean,
): { summary: string; detail: string } {
  const type = record.type.toUpperCase();
  const target = record.data[field];
  const span = record.dataSpans[field];
  const written = span ? record.file.text.slice(span.start, span.end) : target;
  // The classic slip: `ns2.example.com` without its final dot is a name inside this zone.
  const relative =
    written.includes(".") && !written.endsWith(".") && target.toLowerCase().startsWith(`${written.toLowerCase()}.`)
      ? ` (${written} is written without a final dot, so it is relative to the origin)`
      : "";
  const outcome = refuses ? "BIND refuses to load the zone." : "BIND loads the zone with a warning.";
  return {
    summary: `${type} target ${FOUND[found].summary}`,
    detail: `${type} record ${record.owner} names ${target}${relative}, which is inside the zone and ${FOUND[found].detail}: ${outcome}`,
  };
}

function isAtOrBelow(name: string, ancestor: string): boolean {
  return ancestor === "." || name === ancestor || name.endsWith(`.${ancestor}`);
}

/** The zone's names and their types, for lookups as BIND's database answers them. */
class ZoneNames {
  private readonly types = new Map<string, Set<string>>();
  /** Names that exist: owners, and the empty non-terminals between them and the apex. */
  private readonly existing = new Set<string>();
  /** Owners of NS records below the apex: the zone's cuts. */
  private readonly cuts = new Set<string>();

  constructor(
    private readonly apex: string,
    records: readonly IntegrityRecord[],
  ) {
    for (const record of records) {
      const owner = record.owner.toLowerCase();
      const type = record.type.toUpperCase();
      const types = this.types.get(owner) ?? new Set<string>();
      this.types.set(owner, types.add(type));
      if (type === "NS" && owner !== apex) this.cuts.add(owner);
      for (let name = owner; !this.existing.has(name); name = parent(name)) {
        this.existing.add(name);
        if (name === apex || name === ".") break;
      }
    }
  }

  /** At or below a zone cut: the data there is glue, not the zone's. */
  isDelegated(name: string): boolean {
    for (let at = name; at !== this.apex && at !== "."; at = parent(at)) if (this.cuts.has(at)) return true;
    return false;
  }

  /** What an address lookup of `target` (inside the zone) finds. */
  findAddress(target: string): Found {
    // From the apex down: a cut (even at the target) refers the query away; a DNAME above the
    // target rewrites it.
    const path: string[] = [];
    for (let name = target; ; name = parent(name)) {
      path.unshift(name);
      if (name === this.apex || name === ".") break;
    }
    let closest = this.apex;
    for (const name of path) {
      const types = this.types.get(name);
      if (name !== this.apex && types?.has("NS")) return "delegated";
      if (name !== target && types?.has("DNAME")) return "dname";
      if (this.existing.has(name)) closest = name;
    }
    if (this.existing.has(target)) return answer(this.types.get(target));
    // A name that does not exist takes the wildcard at its closest encloser, when there is one.
    return answer(this.types.get(closest === "." ? "*." : `*.${closest}`));
  }
}

function answer(types: ReadonlySet<string> | undefined): Found {
  if (types?.has("A") || types?.has("AAAA")) return "address";
  return types?.has("CNAME") ? "cname" : "none";
}

function parent(name: string): string {
  const dot = name.indexOf(".");
  return dot < 0 || dot === name.length - 1 ? "." : name.slice(dot + 1);
}
