/** Route 53 facts shared by rules: whether a record's hosted zone is public. */
import type { ResourceNode } from "../../src/model/nodes.js";
import { asString, isUnknown } from "../../src/model/value.js";

/** A hosted zone (resource or data source) among `zones`, and whether the internet can query it. */
export function zoneVisibility(zones: readonly ResourceNode[]): {
  visibility: "public" | "private" | "unknown";
  name: string;
} {
  const zone = zones.find((candidate) => candidate.resourceType === "aws_route53_zone");
  if (!zone) return { visibility: "unknown", name: "" };
  const name = asString(zone.value("name")) ?? zone.address;
  if (zone.mode === "data") {
    const flag = zone.value("private_zone");
    if (isUnknown(flag) || flag === undefined) return { visibility: "unknown", name };
    return { visibility: flag === true ? "private" : "public", name };
  }
  // A hosted zone associated with a VPC is private; dynamic vpc blocks may be too.
  if (zone.blocksOfType("vpc").length || zone.blocksOfType("dynamic").some((block) => block.labels[0] === "vpc"))
    return { visibility: "private", name };
  return { visibility: "public", name };
}
