import { defineRule } from "../../../src/engine/rule.js";
import type { Estate } from "../../../src/model/estate.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { asNumber, isUnknown, type Value } from "../../../src/model/value.js";
import { loadBalancerExposure, TARGET_GROUP_TYPES, targetGroupLoadBalancers } from "../../shared/aws-load-balancers.js";

const GROUP = "aws_autoscaling_group";

/** Capacity sized for a private circuit's users does not stretch to the internet's. */
export default defineRule({
  meta: {
    id: "IFL-BW-004",
    name: "fixed-capacity-behind-internet-endpoint",
    title: "Auto Scaling groups behind internet-facing load balancers can scale",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-SIZING", "IF-C1-BW"],
    rationale:
      "Services sized for the users of a private network meet a different load on the internet: more users, unplanned peaks, and traffic that a WAF has not yet filtered out. The network sizing guidance asks for capacity and resilience matched to the service. An Auto Scaling group with `min_size` equal to `max_size` behind an internet-facing load balancer cannot add instances when demand grows.",
    remediation:
      'Give the group room to grow (`max_size` above `min_size`) with a target tracking policy (`aws_autoscaling_policy` with `policy_type = "TargetTrackingScaling"`), sized from the expected internet peak; or record on the asset register why capacity is fixed.',
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
      "https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html",
    ],
    messages: {
      fixedCapacity:
        "Auto Scaling group {resource} is fixed at {size} (min_size = max_size) behind internet-facing load balancer {loadBalancer}, so it cannot grow with internet demand.",
    },
    resourceTypes: [
      GROUP,
      "aws_autoscaling_attachment",
      "aws_autoscaling_traffic_source_attachment",
      "aws_autoscaling_schedule",
      ...TARGET_GROUP_TYPES,
      "aws_lb",
      "aws_elb",
    ],
    limitations:
      "Groups whose size is changed by scheduled actions, or outside Terraform (ignore_changes with scaling by hand or by another tool), are not reported as fixed. Load balancers and attachments in other Terraform root modules are not visible.",
  },
  check(context) {
    const estate = context.estate;
    context.forEachResource(GROUP, (group) => {
      const min = group.attribute("min_size");
      const max = group.attribute("max_size");
      const low = asNumber(min?.value);
      const high = asNumber(max?.value);
      if (low === undefined || high === undefined) return context.unknown(group, "group size not known");
      // A group scaled to zero serves nothing; one with room to grow is not fixed.
      if (low !== high || high === 0) return context.pass(group);
      if (
        estate
          .resourcesOfType("aws_autoscaling_schedule")
          .some((schedule) => namesGroup(estate, schedule.value("autoscaling_group_name"), group))
      )
        return context.pass(group);
      const { loadBalancers, untraceable } = attachedLoadBalancers(estate, group);
      const internetFacing = loadBalancers.find(
        (loadBalancer) => loadBalancerExposure(loadBalancer) === "internet-facing",
      );
      if (internetFacing) {
        return context.report({
          node: max ?? group,
          messageId: "fixedCapacity",
          data: {
            resource: group.address,
            size: high === 1 ? "1 instance" : `${high} instances`,
            loadBalancer: internetFacing.address,
          },
          resource: group,
          basis: [min],
          related: [{ node: internetFacing, message: `internet-facing load balancer ${internetFacing.address}` }],
        });
      }
      if (untraceable || loadBalancers.some((loadBalancer) => loadBalancerExposure(loadBalancer) === "unknown"))
        return context.unknown(group, "an attached load balancer cannot be traced");
      context.pass(group);
    });
  },
});

/** The load balancers a group is registered with: target groups and classic ELBs, on the group or through attachments. */
function attachedLoadBalancers(
  estate: Estate,
  group: ResourceNode,
): { loadBalancers: ResourceNode[]; untraceable: boolean } {
  const targets: (Value | undefined)[] = [
    group.value("target_group_arns"),
    group.value("load_balancers"),
    ...group.blocksOfType("traffic_source").map((source) => source.value("identifier")),
  ];
  let untraceable = group.blocksOfType("dynamic").some((block) => block.labels[0] === "traffic_source");
  for (const attachment of estate.resourcesOfType(
    "aws_autoscaling_attachment",
    "aws_autoscaling_traffic_source_attachment",
  )) {
    const name = attachment.value("autoscaling_group_name");
    if (!namesGroup(estate, name, group)) {
      if (isUnknown(name) && !estate.referencedResources(name).length) untraceable = true;
      continue;
    }
    targets.push(
      attachment.value("lb_target_group_arn"),
      attachment.value("elb"),
      ...attachment.blocksOfType("traffic_source").map((source) => source.value("identifier")),
    );
  }
  const loadBalancers = new Set<ResourceNode>();
  const classic = estate.resourcesOfType("aws_elb");
  for (const target of targets) {
    if (target === undefined || target === null || (Array.isArray(target) && !target.length)) continue;
    // Classic load balancers are named (`aws_elb.web.name` evaluates to the name in code); other literals are outside the scan.
    const literals = (Array.isArray(target) ? target : [target]).filter(
      (item): item is string => typeof item === "string",
    );
    const named = literals.map((name) => classic.find((elb) => elb.value("name") === name));
    const resources = [
      ...estate.referencedResources(target),
      ...named.filter((elb): elb is ResourceNode => elb !== undefined),
    ];
    if (!resources.length || named.includes(undefined)) untraceable = true;
    for (const resource of resources) {
      if (
        resource.resourceType === "aws_elb" ||
        resource.resourceType === "aws_lb" ||
        resource.resourceType === "aws_alb"
      )
        loadBalancers.add(resource);
      if ((TARGET_GROUP_TYPES as readonly string[]).includes(resource.resourceType)) {
        const fronts = targetGroupLoadBalancers(estate, resource);
        if (!fronts.length) untraceable = true;
        for (const loadBalancer of fronts) loadBalancers.add(loadBalancer);
      }
    }
  }
  return { loadBalancers: [...loadBalancers], untraceable };
}

/** `autoscaling_group_name` refers to the group, or is its name (`aws_autoscaling_group.web.name` evaluates to the name set in code). */
function namesGroup(estate: Estate, name: Value | undefined, group: ResourceNode): boolean {
  return estate.refersTo(name, group) || (typeof name === "string" && name === group.value("name"));
}
