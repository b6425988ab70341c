/**
 * Zones that can never be served on the internet, whatever the file or resource says: special-use
 * names (RFC 6761, RFC 8375 home.arpa, the de facto private suffixes `.internal`, `.lan`, `.corp`,
 * and the names of FreeBSD's stock localhost zone files),
 * and the reverse zones for private, loopback and documentation addresses that resolvers answer
 * locally (RFC 6303), and zones under a top-level label the root zone does not delegate. Public-zone
 * rules do not apply to them.
 */
import { undelegatedTld } from "./delegated-tlds.js";

const PRIVATE_SUFFIXES = [
  "localhost",
  "localhost-forward",
  "localhost-reverse",
  "local",
  "localdomain",
  "internal",
  "intranet",
  "private",
  "lan",
  "home",
  "corp",
  "invalid",
  "test",
  "empty",
  "home.arpa",
  "resolver.arpa",
];

/** Reverse zones of RFC 1918, RFC 6598 (shared), loopback, link-local, "this network", documentation and ULA ranges. */
const LOCALLY_SERVED_REVERSE = [
  "10.in-addr.arpa",
  ...Array.from({ length: 16 }, (_, index) => `${16 + index}.172.in-addr.arpa`),
  "168.192.in-addr.arpa",
  ...Array.from({ length: 64 }, (_, index) => `${64 + index}.100.in-addr.arpa`),
  "0.in-addr.arpa",
  "127.in-addr.arpa",
  "254.169.in-addr.arpa",
  "2.0.192.in-addr.arpa",
  "100.51.198.in-addr.arpa",
  "113.0.203.in-addr.arpa",
  // 240.0.0.0/4 is reserved (Debian's stock db.255 serves 255.in-addr.arpa).
  ...Array.from({ length: 16 }, (_, index) => `${240 + index}.in-addr.arpa`),
  "c.f.ip6.arpa",
  "d.f.ip6.arpa",
  "8.e.f.ip6.arpa",
  "9.e.f.ip6.arpa",
  "a.e.f.ip6.arpa",
  "b.e.f.ip6.arpa",
  "8.b.d.0.1.0.0.2.ip6.arpa",
  `1.${"0.".repeat(31)}ip6.arpa`,
  `${"0.".repeat(32)}ip6.arpa`,
];

const NEVER_PUBLIC = new Set([...PRIVATE_SUFFIXES, ...LOCALLY_SERVED_REVERSE]);

/** Whether a zone's origin (with or without its trailing dot) is one the internet never serves. */
export function isNeverPublicZone(origin: string): boolean {
  // Public means delegated: a top-level label the root zone does not delegate is served privately.
  if (undelegatedTld(origin)) return true;
  const labels = origin.toLowerCase().replace(/\.$/, "").split(".");
  for (let start = 0; start < labels.length; start++) {
    if (NEVER_PUBLIC.has(labels.slice(start).join("."))) return true;
  }
  return false;
}
