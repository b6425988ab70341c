/** cidrsubnet, cidrsubnets, cidrhost and cidrnetmask, for IPv4 and IPv6, with Terraform's errors. */
import ipaddr from "ipaddr.js";
import type { Value } from "../../model/value.js";
import { fail } from "./errors.js";
import { toNumberValue, toStringValue } from "./convert.js";

interface Network {
  bits: 32 | 128;
  address: bigint;
  prefix: number;
}

/**
 * Networks by CIDR text, parsed once: a module cuts its subnets from the same few ranges, once per
 * subnet and per instance (corpus-real: ~30 ms of parsing). Callers only read them.
 */
const parsedNetworks = new Map<string, Readonly<Network> | string>();
const MAX_PARSED_NETWORKS = 4096;

function parseNetwork(text: Value): Readonly<Network> | string {
  const cidr = toStringValue(text);
  if (cidr === undefined) return "a CIDR string is required";
  let network = parsedNetworks.get(cidr);
  if (network === undefined) {
    if (parsedNetworks.size >= MAX_PARSED_NETWORKS) parsedNetworks.clear();
    network = parseCidr(cidr);
    parsedNetworks.set(cidr, network);
  }
  return network;
}

function parseCidr(cidr: string): Network | string {
  const slash = cidr.indexOf("/");
  if (slash < 0) return `invalid CIDR address "${cidr}"`;
  const addressText = cidr.slice(0, slash);
  const prefix = Number(cidr.slice(slash + 1));
  const v6 = addressText.includes(":");
  if (
    !(v6 ? ipaddr.IPv6.isValid(addressText) : ipaddr.IPv4.isValidFourPartDecimal(addressText)) ||
    !Number.isInteger(prefix)
  )
    return `invalid CIDR address "${cidr}"`;
  const bits = v6 ? 128 : 32;
  if (prefix < 0 || prefix > bits) return `invalid CIDR address "${cidr}"`;
  const bytes = ipaddr.parse(addressText).toByteArray();
  let address = 0n;
  for (const byte of bytes) address = (address << 8n) | BigInt(byte);
  // Terraform uses the network address (host bits cleared).
  const hostBits = BigInt(bits - prefix);
  address = (address >> hostBits) << hostBits;
  return { bits, address, prefix };
}

function format(bits: 32 | 128, address: bigint): string {
  const length = bits / 8;
  const bytes: number[] = [];
  for (let i = length - 1; i >= 0; i--) bytes.push(Number((address >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

export function cidrsubnet(prefixValue: Value, newbitsValue: Value, netnumValue: Value): Value {
  const network = parseNetwork(prefixValue);
  if (typeof network === "string") return fail(`cidrsubnet: ${network}`);
  const newbits = toNumberValue(newbitsValue);
  const netnum = toNumberValue(netnumValue);
  if (newbits === undefined || netnum === undefined || !Number.isInteger(newbits) || !Number.isInteger(netnum))
    return fail("cidrsubnet: newbits and netnum must be whole numbers");
  const prefix = network.prefix + newbits;
  if (newbits < 0 || prefix > network.bits)
    return fail(`cidrsubnet: insufficient address space to extend prefix of ${network.prefix} by ${newbits}`);
  if (netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits))
    return fail(`cidrsubnet: prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  const address = network.address | (BigInt(netnum) << BigInt(network.bits - prefix));
  return `${format(network.bits, address)}/${prefix}`;
}

export function cidrsubnets(prefixValue: Value, ...newbitsValues: Value[]): Value {
  const network = parseNetwork(prefixValue);
  if (typeof network === "string") return fail(`cidrsubnets: ${network}`);
  const result: string[] = [];
  let next = network.address;
  const end = network.address + (1n << BigInt(network.bits - network.prefix));
  for (const value of newbitsValues) {
    const newbits = toNumberValue(value);
    if (newbits === undefined || !Number.isInteger(newbits) || newbits < 1)
      return fail("cidrsubnets: each newbits must be a positive whole number");
    const prefix = network.prefix + newbits;
    if (prefix > network.bits) return fail(`cidrsubnets: would extend prefix to ${prefix} bits, which is too long`);
    const size = 1n << BigInt(network.bits - prefix);
    // Align to the block size, as Terraform allocates consecutive aligned blocks.
    const start = ((next + size - 1n) / size) * size;
    if (start + size > end) return fail("cidrsubnets: not enough remaining address space for a subnet");
    result.push(`${format(network.bits, start)}/${prefix}`);
    next = start + size;
  }
  return result;
}

export function cidrhost(prefixValue: Value, hostnumValue: Value): Value {
  const network = parseNetwork(prefixValue);
  if (typeof network === "string") return fail(`cidrhost: ${network}`);
  const hostnum = toNumberValue(hostnumValue);
  if (hostnum === undefined || !Number.isInteger(hostnum)) return fail("cidrhost: hostnum must be a whole number");
  const size = 1n << BigInt(network.bits - network.prefix);
  const offset = hostnum < 0 ? size + BigInt(hostnum) : BigInt(hostnum);
  if (offset < 0n || offset >= size)
    return fail(`cidrhost: prefix of ${network.prefix} does not accommodate a host numbered ${hostnum}`);
  return format(network.bits, network.address + offset);
}

export function cidrnetmask(prefixValue: Value): Value {
  const network = parseNetwork(prefixValue);
  if (typeof network === "string") return fail(`cidrnetmask: ${network}`);
  if (network.bits !== 32) return fail("cidrnetmask: only IPv4 networks have a netmask");
  const mask = network.prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - network.prefix)) - 1n);
  return format(32, mask);
}
