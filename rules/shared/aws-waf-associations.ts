/** Which resources in the estate a WAF web ACL protects, from associations and in-resource settings. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { isUnknown, referencesOf } from "../../src/model/value.js";

export const WAF_ASSOCIATION_TYPES = ["aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"] as const;

export interface WafCoverage {
  /** Resources an association refers to. */
  protected: Set<ResourceNode>;
  /** An association whose target cannot be traced (a variable, a data source): coverage is unknown. */
  untraceable: boolean;
}

export function wafCoverage(estate: Estate): WafCoverage {
  const coverage: WafCoverage = { protected: new Set(), untraceable: false };
  for (const association of estate.resourcesOfType(...WAF_ASSOCIATION_TYPES)) {
    const target = association.value("resource_arn");
    const resources = estate.referencedResources(target);
    for (const resource of resources) coverage.protected.add(resource);
    if (!resources.length && (isUnknown(target) || referencesOf(target).length > 0)) coverage.untraceable = true;
  }
  return coverage;
}

/** "protected", "unprotected", or "unknown" when an untraceable association might cover it. */
export function wafVerdict(coverage: WafCoverage, resource: ResourceNode): "protected" | "unprotected" | "unknown" {
  if (coverage.protected.has(resource)) return "protected";
  return coverage.untraceable ? "unknown" : "unprotected";
}
