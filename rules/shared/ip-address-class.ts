/**
 * Address facts for the private-addressing rules. Private ranges inside a VPC are normal; these
 * classes matter where an address is published to users or other systems.
 */
import ipaddr from "ipaddr.js";
import { classifyAddressOrCidr, parseAddress, type AddressKind } from "../../src/model/address-class.js";

// The classification lives in the model, where the loader (private name servers, BIND views) shares it.
export {
  classifyAddressOrCidr,
  isNonPublic,
  NON_PUBLIC_KINDS,
  type AddressClass,
  type AddressKind,
} from "../../src/model/address-class.js";

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
  // Not "not-routed": in free text a netmask (255.255.255.0) looks like an address in 240.0.0.0/4.
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
