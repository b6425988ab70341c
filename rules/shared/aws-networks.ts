/** The address ranges of the VPCs in the scan, to tell in-VPC clients from private networks outside AWS. */
import type { RuleSettings } from "../../src/engine/rule.js";
import type { Estate } from "../../src/model/estate.js";
import { isUnknown, type Value } from "../../src/model/value.js";
import { isNonPublic, isWithinAny } from "./ip-address-class.js";

export interface VpcRanges {
  cidrs: string[];
  /** Some VPC's range cannot be known (a variable without a value, IPAM allocation). */
  unknown: boolean;
}

/**
 * IPv4 and IPv6 ranges of every aws_vpc and secondary CIDR association in one root module. With no
 * VPC in the root (it comes from another root or a remote module), the ranges are unknown.
 */
export function vpcRanges(estate: Estate, root: string): VpcRanges {
  const ranges: VpcRanges = { cidrs: [], unknown: false };
  const add = (value: Value | undefined) => {
    if (typeof value === "string") ranges.cidrs.push(value);
    else if (isUnknown(value)) ranges.unknown = true;
  };
  for (const vpc of estate.resourcesOfType("aws_vpc")) {
    if (vpc.module.root !== root) continue;
    const cidr = vpc.value("cidr_block");
    if (cidr === undefined || cidr === null) ranges.unknown = true;
    else add(cidr);
    add(vpc.value("ipv6_cidr_block"));
  }
  for (const association of estate.resourcesOfType("aws_vpc_ipv4_cidr_block_association", "aws_vpc_ipv6_cidr_block_association")) {
    if (association.module.root !== root) continue;
    const cidr = association.value(association.resourceType === "aws_vpc_ipv4_cidr_block_association" ? "cidr_block" : "ipv6_cidr_block");
    if (cidr === undefined || cidr === null) ranges.unknown = true;
    else add(cidr);
  }
  if (!ranges.cidrs.length) ranges.unknown = true;
  return ranges;
}

/** "inside" a VPC in the scan, "outside" all of them, or "unknown" when some VPC range is not known. */
export function placeInVpcs(cidr: string, ranges: VpcRanges): "inside" | "outside" | "unknown" {
  if (isWithinAny(cidr, ranges.cidrs)) return "inside";
  return ranges.unknown ? "unknown" : "outside";
}

/**
 * Whether an address or range belongs to a private network outside AWS (on premises, HSCN): within
 * the configured `privateNetworkRanges` (HSCN space can look public), or non-public, not one of the
 * `allowedCidrs`, and outside every VPC in the scan.
 */
export function onPrivateNetworkOutsideVpcs(cidr: string, ranges: VpcRanges, settings: Pick<RuleSettings, "allowedCidrs" | "privateNetworkRanges">): boolean | "unknown" {
  if (isWithinAny(cidr, settings.allowedCidrs)) return false;
  if (isWithinAny(cidr, settings.privateNetworkRanges)) return true;
  if (!isNonPublic(cidr)) return false;
  const place = placeInVpcs(cidr, ranges);
  return place === "unknown" ? "unknown" : place === "outside";
}
