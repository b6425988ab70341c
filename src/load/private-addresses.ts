/** Addresses and prefixes only a private network reaches, for BIND's address match lists and name servers. */
import ipaddr from "ipaddr.js";

const PRIVATE_RANGES = new Set(["private", "loopback", "linkLocal", "uniqueLocal", "carrierGradeNat"]);

/** `10.0.0.0/8`, BIND's short `10/8`, `192.168.1.5`, `fd00::/8`. */
export function isPrivateAddressOrPrefix(text: string): boolean {
  const [address, prefix] = text.split("/");
  const padded =
    /^\d+(\.\d+){0,2}$/.test(address) && prefix !== undefined
      ? `${address}${".0".repeat(3 - (address.split(".").length - 1))}`
      : address;
  try {
    const parsed = ipaddr.parse(padded);
    if (prefix === undefined) return PRIVATE_RANGES.has(parsed.range());
    const bits = Number(prefix);
    // Every address of the prefix must be private: its first address is, and the prefix is no wider than the range.
    const range = parsed.range();
    if (!PRIVATE_RANGES.has(range)) return false;
    const minimum: Record<string, number> =
      parsed.kind() === "ipv4"
        ? {
            private: address.startsWith("10") ? 8 : address.startsWith("172") ? 12 : 16,
            loopback: 8,
            linkLocal: 16,
            carrierGradeNat: 10,
          }
        : { loopback: 128, linkLocal: 10, uniqueLocal: 7 };
    return Number.isInteger(bits) && bits >= (minimum[range] ?? 129);
  } catch {
    return false;
  }
}
