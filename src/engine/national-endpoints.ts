/**
 * NHS national service endpoints (data/nhs-national-endpoints.json): which hosts are reachable
 * only over HSCN, which over the internet, and the internet route where a source names one. Exact
 * hosts outrank patterns, and a longer pattern outranks a shorter one (`*.intspineservices.nhs.uk`
 * is not under `*.spineservices.nhs.uk`). Matching is on whole labels, case-insensitively.
 */
import { readFileSync } from "node:fs";
import { packageFile } from "../package-root.js";

export type EndpointNetwork = "hscn-only" | "internet" | "both" | "unknown";
export type EndpointConfidence = "stated by the source" | "inferred from several sources" | "uncertain";

export interface NationalEndpoint {
  service: string;
  /** A host name, or `*.` and a domain: any host under it. */
  hostPattern: string;
  environment: string;
  transport: string;
  network: EndpointNetwork;
  /** The internet-facing route a source names: the service and its host. */
  internetAlternative: { service: string; host: string | null; notes?: string } | null;
  sources: string[];
  confidence: EndpointConfidence;
  notes?: string;
}

export const ENDPOINT_NETWORKS: readonly EndpointNetwork[] = ["hscn-only", "internet", "both", "unknown"];
export const ENDPOINT_CONFIDENCES: readonly EndpointConfidence[] = [
  "stated by the source",
  "inferred from several sources",
  "uncertain",
];

interface Catalogue {
  entries: NationalEndpoint[];
  exact: Map<string, NationalEndpoint>;
  /** Most specific first. */
  patterns: NationalEndpoint[];
  /** Any of the registrable domains the entries sit under (`nhs.uk`, `nhs.net`), in any case. */
  domainPattern: RegExp;
}

let catalogue: Catalogue | undefined;

export function nationalEndpoints(): readonly NationalEndpoint[] {
  return loaded().entries;
}

function loaded(): Catalogue {
  if (catalogue) return catalogue;
  const entries = JSON.parse(
    readFileSync(packageFile("data", "nhs-national-endpoints.json"), "utf8"),
  ) as NationalEndpoint[];
  const exact = new Map<string, NationalEndpoint>();
  const patterns: NationalEndpoint[] = [];
  for (const entry of entries) {
    if (entry.hostPattern.startsWith("*.")) patterns.push(entry);
    else exact.set(entry.hostPattern.toLowerCase(), entry);
  }
  // The most specific pattern first: more labels win.
  patterns.sort((a, b) => b.hostPattern.split(".").length - a.hostPattern.split(".").length);
  const domains = [...new Set(entries.map((entry) => entry.hostPattern.toLowerCase().split(".").slice(-2).join(".")))];
  // One case-insensitive search, not a lower-cased copy of every text searched once per domain.
  const domainPattern = new RegExp(
    domains.map((domain) => domain.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "i",
  );
  catalogue = { entries, exact, patterns, domainPattern };
  return catalogue;
}

/**
 * False when a text cannot name any catalogued host: it holds none of the catalogue's registrable
 * domains (`nhs.uk`, `nhs.net`, ...). Lets a rule skip values whose source text is all they hold.
 */
export function mayNameNationalEndpoint(text: string): boolean {
  return loaded().domainPattern.test(text);
}

/** The catalogue entry that decides a host name, or undefined when the catalogue does not know it. */
export function nationalEndpointFor(host: string): NationalEndpoint | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  const { exact, patterns } = loaded();
  const entry = exact.get(name);
  if (entry) return entry;
  return patterns.find((pattern) => name.endsWith(pattern.hostPattern.slice(1).toLowerCase()));
}

export interface HostInText {
  host: string;
  /** UTF-16 offsets of the host name inside the text. */
  start: number;
  end: number;
}

/**
 * Host names in a text: in URLs (`https://host/...`, `ldaps://host:636`), `host:port`, or bare.
 * A name is a run of labels bounded by characters that cannot be part of a host name, so
 * `xncrs.nhs.uk.example.com` is one name (not under `ncrs.nhs.uk`).
 */
export function hostsInText(text: string): HostInText[] {
  const hosts: HostInText[] = [];
  const pattern = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const before = start > 0 ? text[start - 1] : "";
    // Part of a longer token (an e-mail's local part is fine: `user@host`).
    if (before && /[A-Za-z0-9_.-]/.test(before)) continue;
    const end = start + match[0].length;
    const after = text[end] ?? "";
    if (after && /[A-Za-z0-9_-]/.test(after)) continue;
    hosts.push({ host: match[0], start, end });
  }
  return hosts;
}
