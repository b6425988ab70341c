/** DNS zones and records in the model, from zone files and from DNS resources (Route 53). */
import type { SourceRange } from "../source/source-file.js";
import type { ResourceNode } from "./nodes.js";

export interface DnsRecord {
  readonly kind: "dns-record";
  /** Absolute owner name with a trailing dot. */
  readonly owner: string;
  readonly ttl: number;
  readonly type: string;
  /** Presentation-form rdata fields. */
  readonly data: readonly string[];
  readonly range: SourceRange;
  readonly dataRanges: readonly SourceRange[];
  /** The resource that declares the record, when it came from Terraform. */
  readonly resource?: ResourceNode;
  /**
   * Answered by a proxy with addresses of its own (Cloudflare's proxied records, which it serves
   * over IPv4 and IPv6 whatever the origin has).
   */
  readonly proxied?: true;
}

export interface DnsZone {
  readonly kind: "dns-zone";
  /** Absolute origin with a trailing dot; "" for a hosted zone whose name is not known (a variable). */
  readonly origin: string;
  readonly range: SourceRange;
  readonly records: readonly DnsRecord[];
  /** Marked private by configuration (`privateZones`), a private hosted zone, or a name the internet never serves (`local`, RFC 6303 reverse zones). */
  readonly isPrivate: boolean;
  /** The resource that declares the zone, when it came from Terraform. */
  readonly resource?: ResourceNode;
  /**
   * The repository holding the zone's file (nearest `.git`, else its directory): zones relate to
   * their parents only within one, so a repository's findings never depend on what else is scanned.
   */
  readonly repository?: string;
  /** Part of the zone was not read (an `$INCLUDE` missing or refused, a limit reached): absences cannot be judged. */
  readonly incomplete?: boolean;
  /** A zone kept as octoDNS YAML: complete without an SOA (the provider adds it). */
  readonly keptIn?: "octodns";
  /** For zones a provider serves: whether it signs them (zone files show DNSKEY records instead). */
  readonly signing?: "signed" | "unsigned" | "unknown";
  /**
   * For an "unsigned" hosted zone: DNSSEC configurations in other root modules (with no hosted zone
   * of their own) whose zone cannot be traced, so might sign this one.
   */
  readonly mayBeSignedBy?: readonly ResourceNode[];
}
