/**
 * What kind of address an IP or CIDR is, the one classification every consumer shares: the
 * private-addressing rules, and the loader deciding whether a zone's name servers or a BIND view's
 * clients are private. Ranges the internet does not route (RFC 1918, shared, benchmarking,
 * reserved, ...) are non-public; documentation ranges (RFC 5737, RFC 3849) stand in for public
 * addresses in examples and tests, so they count as public.
 */
import ipaddr from "ipaddr.js";

export type AddressKind =
  | "private"
  | "shared"
  | "link-local"
  | "loopback"
  | "unique-local"
  | "ipv4-mapped-private"
  /** Special-purpose ranges no internet route leads to (IANA: not globally reachable): benchmarking, reserved, IETF protocol assignments. */
  | "not-routed"
  /** Documentation ranges: examples mean a public address by them. */
  | "documentation"
  | "public"
  | "any"
  | "other";

export interface AddressClass {
  kind: AddressKind;
  /** For messages: "RFC 1918 private", "RFC 6598 shared (carrier-grade NAT)", ... */
  label: string;
}

/** Kinds no internet user can reach. */
export const NON_PUBLIC_KINDS: ReadonlySet<AddressKind> = new Set([
  "private",
  "shared",
  "link-local",
  "loopback",
  "unique-local",
  "ipv4-mapped-private",
  "not-routed",
]);

const PUBLIC: AddressClass = { kind: "public", label: "public" };

/**
 * Ranges ipaddr.js lumps together as "reserved" (or splits too finely, as 240.0.0.0/4 and its
 * broadcast address), told apart; the first that contains an address classes it.
 */
const SPECIAL_RANGES: readonly (readonly [string, AddressClass])[] = [
  // PCP and TURN anycast are the two globally reachable addresses of 192.0.0.0/24.
  ["192.0.0.9/32", PUBLIC],
  ["192.0.0.10/32", PUBLIC],
  ["192.0.0.0/24", { kind: "not-routed", label: "IETF protocol assignments (192.0.0.0/24)" }],
  ["192.0.2.0/24", { kind: "documentation", label: "RFC 5737 documentation (192.0.2.0/24)" }],
  ["198.51.100.0/24", { kind: "documentation", label: "RFC 5737 documentation (198.51.100.0/24)" }],
  ["203.0.113.0/24", { kind: "documentation", label: "RFC 5737 documentation (203.0.113.0/24)" }],
  ["198.18.0.0/15", { kind: "not-routed", label: "RFC 2544 benchmarking (198.18.0.0/15)" }],
  // Deprecated (RFC 7526) but still announced on the internet by some relays.
  ["192.88.99.0/24", { kind: "other", label: "6to4 relay anycast (192.88.99.0/24)" }],
  // One class for the whole block, limited broadcast included, so that 240.0.0.0/4 is one range.
  ["240.0.0.0/4", { kind: "not-routed", label: "reserved (240.0.0.0/4)" }],
  ["2001:2::/48", { kind: "not-routed", label: "RFC 5180 benchmarking (2001:2::/48)" }],
  ["2001:db8::/32", { kind: "documentation", label: "RFC 3849 documentation (2001:db8::/32)" }],
  ["3fff::/20", { kind: "documentation", label: "RFC 9637 documentation (3fff::/20)" }],
];

let specialRanges: (readonly [ipaddr.IPv4 | ipaddr.IPv6, number, AddressClass])[] | undefined;

function specialRangeOf(address: ipaddr.IPv4 | ipaddr.IPv6): AddressClass | undefined {
  specialRanges ??= SPECIAL_RANGES.map(([cidr, found]) => [...ipaddr.parseCIDR(cidr), found] as const);
  for (const [network, bits, found] of specialRanges)
    if (network.kind() === address.kind() && address.match(network, bits)) return found;
  return undefined;
}

const IPV4_LABELS: Record<string, AddressClass> = {
  private: { kind: "private", label: "RFC 1918 private" },
  carrierGradeNat: { kind: "shared", label: "RFC 6598 shared address space (100.64.0.0/10)" },
  linkLocal: { kind: "link-local", label: "link-local" },
  loopback: { kind: "loopback", label: "loopback" },
  unicast: PUBLIC,
};

const IPV6_LABELS: Record<string, AddressClass> = {
  uniqueLocal: { kind: "unique-local", label: "IPv6 unique local (fc00::/7)" },
  linkLocal: { kind: "link-local", label: "IPv6 link-local" },
  loopback: { kind: "loopback", label: "IPv6 loopback" },
  unicast: PUBLIC,
};

/** ipaddr.js reads "010.0.0.1" as octal; only plain four-part decimal IPv4 is an address here. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (text.includes(":")) return ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text) : undefined;
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) || /(^|\.)0\d/.test(text)) return undefined;
  return ipaddr.IPv4.parse(text);
}

function classifyAddress(address: ipaddr.IPv4 | ipaddr.IPv6): AddressClass {
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      const inner = classifyAddress(v6.toIPv4Address());
      return NON_PUBLIC_KINDS.has(inner.kind)
        ? { kind: "ipv4-mapped-private", label: `IPv4-mapped ${inner.label}` }
        : inner;
    }
    return specialRangeOf(v6) ?? IPV6_LABELS[v6.range()] ?? { kind: "other", label: `IPv6 ${v6.range()}` };
  }
  return specialRangeOf(address) ?? IPV4_LABELS[address.range()] ?? { kind: "other", label: `IPv4 ${address.range()}` };
}

/**
 * Classifies an address ("10.1.2.3") or CIDR ("10.0.0.0/8"). A CIDR is non-public only when its
 * whole range is: "0.0.0.0/0" is "any", and a range spanning public space is "public".
 */
export function classifyAddressOrCidr(text: string): AddressClass | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  if (slash < 0) {
    const address = parseAddress(trimmed);
    return address ? classifyAddress(address) : undefined;
  }
  const network = parseAddress(trimmed.slice(0, slash));
  const prefixText = trimmed.slice(slash + 1);
  if (!network || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = network.kind() === "ipv4" ? 32 : 128;
  if (prefix > bits) return undefined;
  if (prefix === 0) return { kind: "any", label: "anywhere" };
  const first = classifyAddress(network);
  // The last address of the range must be in the same range for the whole range to be: compared
  // by label, as one kind spans ranges apart (198.18.0.0/15 and 240.0.0.0/4 are both not routed).
  const bytes = network.toByteArray();
  for (let bit = prefix; bit < bits; bit++) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const last = classifyAddress(ipaddr.fromByteArray(bytes));
  if (first.kind !== last.kind || first.label !== last.label)
    return { kind: "public", label: "a range that includes public addresses" };
  return first;
}

/** The class of an address or CIDR no internet user can reach; undefined for any other (or not an address). */
export function isNonPublic(text: string): AddressClass | undefined {
  const found = classifyAddressOrCidr(text);
  return found && NON_PUBLIC_KINDS.has(found.kind) ? found : undefined;
}
