/**
 * What kind of address an IP or CIDR is, for the private-addressing rules. Private ranges inside a
 * VPC are normal; these classes matter where an address is published to users or other systems.
 */
import ipaddr from "ipaddr.js";

export type AddressKind =
  | "private"
  | "shared"
  | "link-local"
  | "loopback"
  | "unique-local"
  | "ipv4-mapped-private"
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
]);

const IPV4_LABELS: Record<string, AddressClass> = {
  private: { kind: "private", label: "RFC 1918 private" },
  carrierGradeNat: { kind: "shared", label: "RFC 6598 shared address space (100.64.0.0/10)" },
  linkLocal: { kind: "link-local", label: "link-local" },
  loopback: { kind: "loopback", label: "loopback" },
  unicast: { kind: "public", label: "public" },
};

const IPV6_LABELS: Record<string, AddressClass> = {
  uniqueLocal: { kind: "unique-local", label: "IPv6 unique local (fc00::/7)" },
  linkLocal: { kind: "link-local", label: "IPv6 link-local" },
  loopback: { kind: "loopback", label: "IPv6 loopback" },
  unicast: { kind: "public", label: "public" },
};

/** ipaddr.js reads "010.0.0.1" as octal; only plain four-part decimal IPv4 is an address here. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
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
    return IPV6_LABELS[v6.range()] ?? { kind: "other", label: `IPv6 ${v6.range()}` };
  }
  return IPV4_LABELS[address.range()] ?? { kind: "other", label: `IPv4 ${address.range()}` };
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
  // The last address of the range must be in the same class for the whole range to be.
  const bytes = network.toByteArray();
  for (let bit = prefix; bit < bits; bit++) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const last = classifyAddress(ipaddr.fromByteArray(bytes));
  if (first.kind !== last.kind) return { kind: "public", label: "a range that includes public addresses" };
  return first;
}

export function isNonPublic(text: string): AddressClass | undefined {
  const found = classifyAddressOrCidr(text);
  return found && NON_PUBLIC_KINDS.has(found.kind) ? found : undefined;
}

/** True when the address or CIDR lies wholly inside one of the ranges (configured `allowedCidrs`). */
export function isWithinAny(text: string, ranges: readonly string[]): boolean {
  if (!ranges.length) return false;
  const slash = text.indexOf("/");
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return false;
  const prefix = slash < 0 ? (address.kind() === "ipv4" ? 32 : 128) : Number(text.slice(slash + 1));
  return ranges.some((range) => {
    try {
      const [network, bits] = ipaddr.parseCIDR(range);
      return network.kind() === address.kind() && prefix >= bits && address.match(network, bits);
    } catch {
      return false;
    }
  });
}

/** Address kinds that tie a configuration to a private network (loopback and link-local stay on the host). */
const PRIVATE_NETWORK_KINDS: ReadonlySet<AddressKind> = new Set([
  "private",
  "shared",
  "unique-local",
  "ipv4-mapped-private",
]);

/**
 * IPv4 addresses on private networks written inside free text (`jdbc:postgresql://10.1.2.3:5432/pas`,
 * `10.1.2.3,10.1.2.4`); CIDR ranges are not addresses and are skipped.
 */
export function privateAddressesInText(text: string): { address: string; label: string }[] {
  const found: { address: string; label: string }[] = [];
  for (const match of text.matchAll(/(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.]|\/\d)/g)) {
    const kind = classifyAddressOrCidr(match[1]);
    if (kind && PRIVATE_NETWORK_KINDS.has(kind.kind)) found.push({ address: match[1], label: kind.label });
  }
  return found;
}
