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
  let byRoot = rangesByEstate.get(estate);
  if (!byRoot) {
    byRoot = collectVpcRanges(estate);
    rangesByEstate.set(estate, byRoot);
  }
  return byRoot.get(root) ?? { cidrs: [], unknown: true };
}

/** Read once per estate: rules ask for every load balancer, resolver rule and instance. */
const rangesByEstate = new WeakMap<Estate, Map<string, VpcRanges>>();

function collectVpcRanges(estate: Estate): Map<string, VpcRanges> {
  const byRoot = new Map<string, VpcRanges>();
  const rangesOf = (root: string) => {
    let ranges = byRoot.get(root);
    if (!ranges) byRoot.set(root, (ranges = { cidrs: [], unknown: false }));
    return ranges;
  };
  const add = (ranges: VpcRanges, value: Value | undefined, required: boolean) => {
    if (typeof value === "string") ranges.cidrs.push(value);
    else if (isUnknown(value) || (required && (value === undefined || value === null))) ranges.unknown = true;
  };
  for (const vpc of estate.resourcesOfType("aws_vpc")) {
    const ranges = rangesOf(vpc.module.root);
    add(ranges, vpc.value("cidr_block"), true);
    add(ranges, vpc.value("ipv6_cidr_block"), false);
  }
  for (const association of estate.resourcesOfType(
    "aws_vpc_ipv4_cidr_block_association",
    "aws_vpc_ipv6_cidr_block_association",
  )) {
    add(
      rangesOf(association.module.root),
      association.value(
        association.resourceType === "aws_vpc_ipv4_cidr_block_association" ? "cidr_block" : "ipv6_cidr_block",
      ),
      true,
    );
  }
  for (const ranges of byRoot.values()) if (!ranges.cidrs.length) ranges.unknown = true;
  return byRoot;
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
export function onPrivateNetworkOutsideVpcs(
  cidr: string,
  ranges: VpcRanges,
  settings: Pick<RuleSettings, "allowedCidrs" | "privateNetworkRanges">,
): boolean | "unknown" {
  if (isWithinAny(cidr, settings.allowedCidrs)) return false;
  if (isWithinAny(cidr, settings.privateNetworkRanges)) return true;
  if (!isNonPublic(cidr)) return false;
  const place = placeInVpcs(cidr, ranges);
  return place === "unknown" ? "unknown" : place === "outside";
}
