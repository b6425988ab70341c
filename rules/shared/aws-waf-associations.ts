/** Which resources in the estate a WAF web ACL protects, from associations and in-resource settings. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { untraceableLinks, type LinkReach } from "./untraceable-links.js";

export const WAF_ASSOCIATION_TYPES = ["aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"] as const;

export interface WafCoverage {
  /** Resources an association refers to. */
  protected: Set<ResourceNode>;
  /** Associations whose target cannot be traced (a variable, a data source) that might cover a resource. */
  reach: (resource: ResourceNode) => LinkReach;
}

/** Which resources of `targetTypes` WAF associations in the estate protect. */
export function wafCoverage(estate: Estate, targetTypes: readonly string[]): WafCoverage {
  const associations = estate.resourcesOfType(...WAF_ASSOCIATION_TYPES);
  const covered = new Set<ResourceNode>();
  for (const association of associations)
    for (const resource of estate.referencedResources(association.value("resource_arn"))) covered.add(resource);
  return { protected: covered, reach: untraceableLinks(estate, WAF_ASSOCIATION_TYPES, "resource_arn", targetTypes) };
}

/**
 * "protected", "unprotected", or "unknown" when an untraceable association in its root module might
 * cover it (one in another root module makes an "unprotected" finding conditional: `coveredElsewhere`).
 */
export function wafVerdict(coverage: WafCoverage, resource: ResourceNode): "protected" | "unprotected" | "unknown" {
  if (coverage.protected.has(resource)) return "protected";
  return coverage.reach(resource).unknown ? "unknown" : "unprotected";
}
