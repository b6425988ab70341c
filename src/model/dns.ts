/** DNS zones and records in the model, from zone files (and later provider resources). */
import type { SourceRange } from "../parsers/source-file.js";

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
}

export interface DnsZone {
  readonly kind: "dns-zone";
  /** Absolute origin with a trailing dot. */
  readonly origin: string;
  readonly range: SourceRange;
  readonly records: readonly DnsRecord[];
  /** Marked private by configuration (`privateZones`): meant to stay off the internet. */
  readonly isPrivate: boolean;
}
