/** DNS name facts the DNS rules share. */
import type { DnsRecord, DnsZone } from "../../src/model/dns.js";
import { undelegatedTld } from "../../src/model/delegated-tlds.js";

/** Suffixes that never resolve on the public internet (RFC 6761, 6762, 8375, ICANN's .internal) or are private by convention. */
export const NON_INTERNET_SUFFIXES = [
  "local",
  "internal",
  "lan",
  "corp",
  "home.arpa",
  "localdomain",
  "localhost",
  "invalid",
  "intranet",
] as const;

function labels(name: string): string[] {
  return name.toLowerCase().replace(/\.$/, "").split(".").filter(Boolean);
}

/** The non-internet suffix a name ends in, or "single-label" for a bare host name; undefined if it can resolve. */
export function nonInternetSuffix(name: string): string | undefined {
  const parts = labels(name);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return "single-label";
  const lower = parts.join(".");
  const listed = NON_INTERNET_SUFFIXES.find((suffix) => lower === suffix || lower.endsWith(`.${suffix}`));
  if (listed) return listed;
  // A top-level label the root zone does not delegate (`.wmnet`, `.kazan`) resolves only privately;
  // `.example` (RFC 2606) is a placeholder in documentation and examples, not a private network's.
  const tld = undelegatedTld(lower);
  return tld === "example" ? undefined : tld;
}

/** Whether `name` is `ancestor` or below it. */
export function isAtOrBelow(name: string, ancestor: string): boolean {
  const child = name.toLowerCase().replace(/\.?$/, ".");
  const parent = ancestor.toLowerCase().replace(/\.?$/, ".");
  return parent === "." || child === parent || child.endsWith(`.${parent}`);
}

/** A name in one spelling: lower case, with the trailing dot. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/\.?$/, ".");
}

/** Names delegated to other servers (NS records below the apex): records there are glue, not this zone's data. */
export function delegatedNames(zone: DnsZone): ReadonlySet<string> {
  return new Set(
    zone.records
      .filter((record) => record.type === "NS" && !sameName(record.owner, zone.origin))
      .map((record) => canonical(record.owner)),
  );
}

/** At or below a delegation. Walks up the owner's labels, so a zone with thousands of delegations (the root) stays linear. */
export function isGlue(record: DnsRecord, delegations: ReadonlySet<string>): boolean {
  if (!delegations.size) return false;
  for (let name = canonical(record.owner); name && name !== "."; name = name.slice(name.indexOf(".") + 1)) {
    if (delegations.has(name)) return true;
  }
  return false;
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.?$/, ".") === b.toLowerCase().replace(/\.?$/, ".");
}

/** Which data field of a record holds a target host name. */
export const TARGET_FIELD: Readonly<Record<string, number>> = { CNAME: 0, NS: 0, MX: 1, SRV: 3 };
