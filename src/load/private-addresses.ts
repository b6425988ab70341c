/** Addresses and prefixes only a private network reaches, for BIND's address match lists and name servers. */
import { isNonPublic } from "../model/address-class.js";

/** `10.0.0.0/8`, BIND's short `10/8`, `192.168.1.5`, `fd00::/8`: classed as the address rules class them. */
export function isPrivateAddressOrPrefix(text: string): boolean {
  const [address, prefix] = text.split("/");
  // BIND lets a prefix leave out trailing zero octets (`10/8`, `172.16/12`).
  const padded =
    /^\d+(\.\d+){0,2}$/.test(address) && prefix !== undefined
      ? `${address}${".0".repeat(3 - (address.split(".").length - 1))}`
      : address;
  return isNonPublic(prefix === undefined ? padded : `${padded}/${prefix}`) !== undefined;
}
