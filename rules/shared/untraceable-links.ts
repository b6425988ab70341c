/**
 * Resources that attach something to a target by ARN or id (WAF associations, WAF logging
 * configurations) and whose target cannot be traced to a resource in the scan: a variable, a data
 * source, a literal ARN. Such a link might cover a resource, so rules judge that resource unknown,
 * but not every resource in a large scan:
 * - a link in a root module that has resources of the kind it protects serves that root;
 *   a link in a root without any serves another stack, so might cover any root's;
 * - a link whose value is derived from a resource or data source of a protectable type (the ARN
 *   of `data.aws_lb.portal`) covers only resources of that type.
 */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { referencesOf } from "../../src/model/value.js";

/** Types a link's target can be read from; load balancers go by two names. */
const PROTECTABLE_TYPES = new Map<string, string>([
  ["aws_lb", "aws_lb"],
  ["aws_alb", "aws_lb"],
  ["aws_api_gateway_stage", "aws_api_gateway_stage"],
  ["aws_appsync_graphql_api", "aws_appsync_graphql_api"],
  ["aws_cognito_user_pool", "aws_cognito_user_pool"],
  ["aws_wafv2_web_acl", "aws_wafv2_web_acl"],
]);

interface UntraceableLink {
  root: string;
  /** Protectable types the target was derived from; empty when nothing says. */
  types: Set<string>;
  crossStack: boolean;
}

/** Whether some link of `links` whose `attribute` cannot be traced might cover a resource of `targetTypes`. */
export function untraceableLinks(
  estate: Estate,
  links: readonly ResourceNode[],
  attribute: string,
  targetTypes: readonly string[],
): (resource: ResourceNode) => boolean {
  const untraceable: UntraceableLink[] = [];
  let rootsWithTargets: Set<string> | undefined;
  for (const link of links) {
    const target = link.value(attribute);
    // A data source names something by lookup: which resource it finds is not known.
    if (estate.referencedResources(target).some((resource) => resource.mode !== "data")) continue;
    const types = new Set(
      referencesOf(target).flatMap((reference) => {
        const type = protectableType(reference.address);
        return type ? [type] : [];
      }),
    );
    const root = link.module.root;
    rootsWithTargets ??= new Set(estate.resourcesOfType(...targetTypes).map((resource) => resource.module.root));
    const crossStack = !rootsWithTargets.has(root);
    untraceable.push({ root, types, crossStack });
  }
  return (resource) => {
    const type = PROTECTABLE_TYPES.get(resource.resourceType) ?? resource.resourceType;
    return untraceable.some(
      (link) =>
        (link.types.size === 0 || link.types.has(type)) && (link.crossStack || link.root === resource.module.root),
    );
  };
}

/** The protectable resource type in an address such as `module.edge.data.aws_lb.portal`. */
function protectableType(address: string): string | undefined {
  for (const part of address.split(".")) {
    const type = PROTECTABLE_TYPES.get(part);
    if (type) return type;
  }
  return undefined;
}
