import { defineRule } from "../../../src/engine/rule.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import type { Estate } from "../../../src/model/estate.js";
import { asNumber, asString, isUnknown } from "../../../src/model/value.js";
import { loadBalancerExposure, TARGET_GROUP_TYPES, targetGroupLoadBalancers } from "../../shared/aws-load-balancers.js";

/** An ECS service keeps `desired_count` tasks unless Application Auto Scaling is told to change it. */
export default defineRule({
  meta: {
    id: "IFL-BW-005",
    name: "ecs-service-scales-behind-internet-endpoint",
    title: "ECS services behind internet-facing load balancers can scale",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-SIZING", "IF-C1-BW"],
    rationale:
      "An ECS service runs exactly `desired_count` tasks unless an `aws_appautoscaling_target` (with a scaling policy) lets Application Auto Scaling change it. Behind an internet-facing load balancer, a count sized for the private network's users cannot follow internet demand, and the service slows or fails at the first peak.",
    remediation:
      'Add `aws_appautoscaling_target` (`service_namespace = "ecs"`, `scalable_dimension = "ecs:service:DesiredCount"`, `resource_id = "service/<cluster>/<service>"`) with a target tracking `aws_appautoscaling_policy`, sized from the expected internet peak.',
    links: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
    ],
    messages: {
      fixedTasks:
        "ECS service {resource} runs a fixed {count} behind internet-facing load balancer {loadBalancer}: no aws_appautoscaling_target scales it.",
    },
    resourceTypes: ["aws_ecs_service", "aws_appautoscaling_target", ...TARGET_GROUP_TYPES, "aws_lb"],
    limitations:
      "Scaling targets in other root modules, or scaling by other tools, are not seen; targets are matched by reference or by the service's name in `resource_id`.",
  },
  check(context) {
    const estate = context.estate;
    const targets = estate
      .resourcesOfType("aws_appautoscaling_target")
      .filter((target) =>
        asString(target.value("service_namespace")) !== undefined ? target.value("service_namespace") === "ecs" : true,
      );
    const untraceable = targets.some(
      (target) =>
        isUnknown(target.value("resource_id")) && !estate.referencedResources(target.value("resource_id")).length,
    );
    context.forEachResource("aws_ecs_service", (service) => {
      if (asString(service.value("scheduling_strategy")) === "DAEMON") return context.pass(service);
      const count = service.value("desired_count");
      if (isUnknown(count)) return context.unknown(service, "desired_count not known");
      const tasks = count === undefined || count === null ? 0 : asNumber(count);
      if (tasks === undefined || tasks === 0) return context.pass(service);
      if (targets.some((target) => scales(estate, target, service))) return context.pass(service);
      const groups = service
        .blocksOfType("load_balancer")
        .flatMap((block) => estate.referencedResources(block.value("target_group_arn")))
        .filter((resource) => (TARGET_GROUP_TYPES as readonly string[]).includes(resource.resourceType));
      const internetFacing = groups
        .flatMap((group) => targetGroupLoadBalancers(estate, group))
        .find((loadBalancer) => loadBalancerExposure(loadBalancer) === "internet-facing");
      if (!internetFacing) return context.pass(service);
      if (untraceable) return context.unknown(service, "a scaling target's resource cannot be traced");
      context.report({
        node: service.attribute("desired_count") ?? service,
        messageId: "fixedTasks",
        data: {
          resource: service.address,
          count: tasks === 1 ? "1 task" : `${tasks} tasks`,
          loadBalancer: internetFacing.address,
        },
        resource: service,
        related: [{ node: internetFacing, message: `internet-facing load balancer ${internetFacing.address}` }],
      });
    });
  },
});

/** `resource_id = "service/${cluster}/${service}"`: by reference, or by the service's name when the name is known. */
function scales(estate: Estate, target: ResourceNode, service: ResourceNode): boolean {
  const resourceId = target.value("resource_id");
  if (estate.refersTo(resourceId, service)) return true;
  const name = asString(service.value("name"));
  return (
    typeof resourceId === "string" &&
    name !== undefined &&
    resourceId.startsWith("service/") &&
    resourceId.endsWith(`/${name}`)
  );
}
