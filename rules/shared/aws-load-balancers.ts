/** What rules need to know about AWS load balancers: which one a listener belongs to, who can reach it. */
import type { Estate } from "../../src/model/estate.js";
import type { RuleSettings } from "../../src/engine/rule.js";
import type { AttributeNode, BlockNode, ResourceNode } from "../../src/model/nodes.js";
import { asBoolean, asString, isUnknown, referencesOf, type Value } from "../../src/model/value.js";
import { isNonPublic, isWithinAny } from "./ip-address-class.js";
import { CLOUDFRONT_DISTRIBUTION, cloudfrontOrigins } from "./aws-cloudfront.js";

export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;
export const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"] as const;

export type Exposure = "internet-facing" | "internal" | "unknown";

/**
 * `internal` defaults to false: a load balancer is internet-facing unless the code says otherwise.
 * Kept per load balancer (its own value alone decides): most rules about load balancers ask it.
 */
export function loadBalancerExposure(loadBalancer: ResourceNode): Exposure {
  let exposure = exposuresKept.get(loadBalancer);
  if (exposure === undefined) exposuresKept.set(loadBalancer, (exposure = exposureOf(loadBalancer)));
  return exposure;
}

const exposuresKept = new WeakMap<ResourceNode, Exposure>();

function exposureOf(loadBalancer: ResourceNode): Exposure {
  const internal = loadBalancer.value("internal");
  if (internal === undefined || internal === null) return "internet-facing";
  if (isUnknown(internal)) return "unknown";
  const flag = asBoolean(internal);
  if (flag === undefined) return "unknown";
  return flag ? "internal" : "internet-facing";
}

/** `load_balancer_type` defaults to "application". Kept per load balancer, as its exposure is. */
export function loadBalancerType(loadBalancer: ResourceNode): string | undefined {
  if (typesKept.has(loadBalancer)) return typesKept.get(loadBalancer);
  const value = loadBalancer.value("load_balancer_type");
  const type = value === undefined || value === null ? "application" : typeof value === "string" ? value : undefined;
  typesKept.set(loadBalancer, type);
  return type;
}

const typesKept = new WeakMap<ResourceNode, string | undefined>();

/**
 * The load balancers in the scan that a listener's `load_balancer_arn` refers to. Kept per listener
 * for the estate: several rules ask for every listener's. Callers only read the list.
 */
export function listenerLoadBalancers(estate: Estate, listener: ResourceNode): readonly ResourceNode[] {
  const known = estate.derived(listenerLoadBalancers, () => new WeakMap<ResourceNode, readonly ResourceNode[]>());
  let found = known.get(listener);
  if (!found) {
    found = estate
      .referencedResources(listener.value("load_balancer_arn"))
      .filter(
        (resource) =>
          resource.mode === "managed" && (LOAD_BALANCER_TYPES as readonly string[]).includes(resource.resourceType),
      );
    known.set(listener, found);
  }
  return found;
}

/**
 * For a listener whose load balancer the scan cannot judge (not in the scan, or `internal` unknown):
 * how to name that load balancer, and why a finding on the listener is conditional.
 */
export function unseenLoadBalancer(
  estate: Estate,
  listener: ResourceNode,
  loadBalancers: readonly ResourceNode[],
): { loadBalancer: string; reason: string } | "internal" {
  const arn = listener.value("load_balancer_arn");
  // A module that is not read (a registry module) but is told `internal = true` makes an internal one.
  const call = isUnknown(arn) && !loadBalancers.length ? /^module\.([\w-]+)\./.exec(arn.reason)?.[1] : undefined;
  const module = call
    ? estate.moduleCalls.find((item) => item.name === call && item.module === listener.module)
    : undefined;
  if (module && asBoolean(module.block.value("internal")) === true) return "internal";
  // The expression without the evaluator's explanation: `module.shared_alb.arn`, `var.lb_arn`.
  const written = isUnknown(arn) ? arn.reason.replace(/ \(.*\)$/s, "") : (asString(arn) ?? "not set");
  const loadBalancer = loadBalancers.length
    ? `${loadBalancers.map((resource) => resource.address).join(", ")}, whose internal setting is not known`
    : `${written}, a load balancer outside the scan`;
  return { loadBalancer, reason: "holds only if the load balancer is internet-facing" };
}

/**
 * What a listener's load balancers make of its findings: "internal" exempts it, "internet-facing"
 * lets them stand, and a load balancer the scan cannot judge makes them conditional.
 */
export function listenerExposure(
  estate: Estate,
  listener: ResourceNode,
  loadBalancers: readonly ResourceNode[],
): "internal" | "internet-facing" | { loadBalancer: string; reason: string } {
  const exposures = loadBalancers.map(loadBalancerExposure);
  if (exposures.length && exposures.every((exposure) => exposure === "internal")) return "internal";
  if (exposures.includes("internet-facing")) return "internet-facing";
  return unseenLoadBalancer(estate, listener, loadBalancers);
}

/** Listeners in the scan attached to a load balancer. */
export function listenersOf(estate: Estate, loadBalancer: ResourceNode): ResourceNode[] {
  return estate.referrers(loadBalancer, "load_balancer_arn", ...LISTENER_TYPES);
}

/** Load balancers something in the scan publishes to the internet, and the publishers whose target cannot be traced. */
export interface FrontDoors {
  fronted: Set<ResourceNode>;
  untraceable: ResourceNode[];
}

/**
 * Load balancers reached through an internet-facing front door: a CloudFront origin (by DNS name or
 * VPC origin), an API Gateway VPC link (HTTP API integration on a listener, REST VPC link target), a
 * Global Accelerator endpoint, or another load balancer's target group.
 */
export function loadBalancerFrontDoors(estate: Estate): FrontDoors {
  const origins = cloudfrontOrigins(estate);
  const untraceable = new Set<ResourceNode>(origins.untraceableDistributions);
  // An origin written as a load balancer's DNS name may be any load balancer.
  for (const distribution of estate.resourcesOfType(CLOUDFRONT_DISTRIBUTION))
    for (const origin of distribution.blocksOfType("origin")) {
      const domain = origin.value("domain_name");
      if (typeof domain === "string" && domain.toLowerCase().endsWith(".elb.amazonaws.com"))
        untraceable.add(distribution);
    }
  const doors: FrontDoors = { fronted: new Set(), untraceable: [] };
  const publish = (resources: Iterable<ResourceNode>) => {
    for (const resource of resources) {
      if ((LOAD_BALANCER_TYPES as readonly string[]).includes(resource.resourceType)) doors.fronted.add(resource);
      if ((LISTENER_TYPES as readonly string[]).includes(resource.resourceType))
        for (const loadBalancer of listenerLoadBalancers(estate, resource)) doors.fronted.add(loadBalancer);
    }
  };
  const add = (publisher: ResourceNode, value: Value | undefined) => {
    const resources = estate.referencedResources(value);
    if (!resources.length && (isUnknown(value) || referencesOf(value).length > 0)) untraceable.add(publisher);
    publish(resources);
  };
  publish(origins.resources);
  for (const integration of estate.resourcesOfType("aws_apigatewayv2_integration")) {
    const connection = integration.value("connection_type");
    if (isUnknown(connection)) untraceable.add(integration);
    else if (connection === "VPC_LINK") add(integration, integration.value("integration_uri"));
  }
  for (const link of estate.resourcesOfType("aws_api_gateway_vpc_link")) add(link, link.value("target_arns"));
  for (const group of estate.resourcesOfType("aws_globalaccelerator_endpoint_group")) {
    for (const endpoint of group.blocksOfType("endpoint_configuration")) add(group, endpoint.value("endpoint_id"));
    if (group.blocksOfType("dynamic").some((block) => block.labels[0] === "endpoint_configuration"))
      untraceable.add(group);
  }
  for (const attachment of estate.resourcesOfType("aws_lb_target_group_attachment")) {
    publish(estate.referencedResources(attachment.value("target_id")));
  }
  doors.untraceable = [...untraceable];
  return doors;
}

export const TARGET_GROUP_TYPES = ["aws_lb_target_group", "aws_alb_target_group"] as const;

/** Load balancers whose listeners or listener rules forward to a target group. */
export function targetGroupLoadBalancers(estate: Estate, targetGroup: ResourceNode): ResourceNode[] {
  const forwards = (block: BlockNode): boolean =>
    estate.refersTo(block.value("target_group_arn"), targetGroup) ||
    block
      .blocksOfType("forward")
      .some((forward) =>
        forward.blocksOfType("target_group").some((group) => estate.refersTo(group.value("arn"), targetGroup)),
      );
  const loadBalancers = new Set<ResourceNode>();
  for (const listener of estate.resourcesOfType(...LISTENER_TYPES)) {
    if (listener.blocksOfType("default_action").some(forwards))
      for (const loadBalancer of listenerLoadBalancers(estate, listener)) loadBalancers.add(loadBalancer);
  }
  for (const rule of estate.resourcesOfType("aws_lb_listener_rule", "aws_alb_listener_rule")) {
    if (!rule.blocksOfType("action").some(forwards)) continue;
    for (const listener of estate.referencedResources(rule.value("listener_arn")))
      for (const loadBalancer of listenerLoadBalancers(estate, listener)) loadBalancers.add(loadBalancer);
  }
  return [...loadBalancers];
}

/** Target groups a listener's default actions forward to (plain `target_group_arn` or weighted `forward`). */
export function listenerTargetGroups(estate: Estate, listener: ResourceNode): ResourceNode[] {
  const groups = new Set<ResourceNode>();
  for (const action of listener.blocksOfType("default_action")) {
    for (const group of estate.referencedResources(action.value("target_group_arn"))) groups.add(group);
    for (const forward of action.blocksOfType("forward"))
      for (const target of forward.blocksOfType("target_group"))
        for (const group of estate.referencedResources(target.value("arn"))) groups.add(group);
  }
  return [...groups].filter((group) => (TARGET_GROUP_TYPES as readonly string[]).includes(group.resourceType));
}

export const ATTACHMENT_TYPES = ["aws_lb_target_group_attachment", "aws_alb_target_group_attachment"] as const;

/** Attachments in the scan that register targets in a target group. */
export function targetGroupAttachments(estate: Estate, targetGroup: ResourceNode): ResourceNode[] {
  return estate.referrers(targetGroup, "target_group_arn", ...ATTACHMENT_TYPES);
}

/**
 * An IP target registered outside the target group's VPC: AWS accepts one only with
 * `availability_zone = "all"`, and reaches it over Direct Connect, a VPN or a peering. Addresses in
 * `allowedCidrs` are not reported; addresses in `privateNetworkRanges` are, even when they look public.
 */
export function offVpcTarget(
  attachment: ResourceNode,
  settings: Pick<RuleSettings, "allowedCidrs" | "privateNetworkRanges">,
): { target: AttributeNode; address: string; label: string } | "unknown" | undefined {
  const zone = attachment.value("availability_zone");
  const target = attachment.attribute("target_id");
  if (isUnknown(zone) || !target || isUnknown(target.value)) return "unknown";
  const address = asString(target.value);
  if (asString(zone) !== "all" || !address || isWithinAny(address, settings.allowedCidrs)) return undefined;
  if (isWithinAny(address, settings.privateNetworkRanges))
    return { target, address, label: "in the configured private network ranges" };
  const kind = isNonPublic(address);
  return kind ? { target, address, label: kind.label } : undefined;
}
