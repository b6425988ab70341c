/** What rules need to know about AWS load balancers: which one a listener belongs to, who can reach it. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { asBoolean, isUnknown } from "../../src/model/value.js";

export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;
export const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"] as const;

export type Exposure = "internet-facing" | "internal" | "unknown";

/** `internal` defaults to false: a load balancer is internet-facing unless the code says otherwise. */
export function loadBalancerExposure(loadBalancer: ResourceNode): Exposure {
  const internal = loadBalancer.value("internal");
  if (internal === undefined || internal === null) return "internet-facing";
  if (isUnknown(internal)) return "unknown";
  const flag = asBoolean(internal);
  if (flag === undefined) return "unknown";
  return flag ? "internal" : "internet-facing";
}

/** `load_balancer_type` defaults to "application". */
export function loadBalancerType(loadBalancer: ResourceNode): string | undefined {
  const type = loadBalancer.value("load_balancer_type");
  if (type === undefined || type === null) return "application";
  return typeof type === "string" ? type : undefined;
}

/** The load balancers in the scan that a listener's `load_balancer_arn` refers to. */
export function listenerLoadBalancers(estate: Estate, listener: ResourceNode): ResourceNode[] {
  return estate
    .referencedResources(listener.value("load_balancer_arn"))
    .filter((resource) => resource.mode === "managed" && (LOAD_BALANCER_TYPES as readonly string[]).includes(resource.resourceType));
}

/** Listeners in the scan attached to a load balancer. */
export function listenersOf(estate: Estate, loadBalancer: ResourceNode): ResourceNode[] {
  return estate.resourcesOfType(...LISTENER_TYPES).filter((listener) => estate.refersTo(listener.value("load_balancer_arn"), loadBalancer));
}
