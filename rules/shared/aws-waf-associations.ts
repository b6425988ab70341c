/** Which resources in the estate a WAF web ACL protects, from associations and in-resource settings. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { untraceableLinks, type LinkReach } from "./untraceable-links.js";
import { writtenArnTargets } from "./waf-associable-arns.js";

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
    for (const resource of associationTargets(estate, association)) covered.add(resource);
  const written = (association: ResourceNode) => writtenArnTargets(estate, association.value("resource_arn"));
  return {
    protected: covered,
    reach: untraceableLinks(estate, WAF_ASSOCIATION_TYPES, "resource_arn", targetTypes, undefined, written),
  };
}

/**
 * The resources an association protects: those its `resource_arn` refers to, or, for an ARN written
 * out (`arn:aws:apigateway:${region}::/restapis/${api.id}/stages/live`), those it names.
 */
export function associationTargets(estate: Estate, association: ResourceNode): readonly ResourceNode[] {
  const value = association.value("resource_arn");
  const written = writtenArnTargets(estate, value);
  if (written) return written.kind === "resources" ? written.resources : [];
  return estate.referencedResources(value);
}

/**
 * "protected", "unprotected", or "unknown" when an untraceable association in its root module might
 * cover it (one in another root module makes an "unprotected" finding conditional: `coveredElsewhere`).
 */
export function wafVerdict(coverage: WafCoverage, resource: ResourceNode): "protected" | "unprotected" | "unknown" {
  if (coverage.protected.has(resource)) return "protected";
  return coverage.reach(resource).unknown ? "unknown" : "unprotected";
}
