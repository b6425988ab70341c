import { defineRule } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { asNumber, asString } from "../../../src/model/value.js";
import type { Estate } from "../../../src/model/estate.js";
import { baselineMbps } from "../../shared/ec2-bandwidth.js";

interface Fleet {
  instanceType: AttributeNode;
  count: number;
  countAttribute?: AttributeNode;
}

/** Traffic that crossed a private circuit now reaches the service over the internet: its own network capacity must carry the peak. */
export default defineRule({
  meta: {
    id: "IFL-BW-011",
    name: "compute-bandwidth-meets-declared-peak",
    title: "Instances behind a service can carry its declared peak traffic",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-C1-BW", "IF-SIZING"],
    rationale:
      "The network sizing guidance asks for bandwidth to be assessed from each service's usage profile. When the configuration declares a service's expected peak (`capacity`: Mbit/s, or users × kbit/s per user), the instances serving it must be able to move that traffic. EC2 instances have a published baseline network bandwidth; the burst figure (\"up to 10 Gbps\") runs out under sustained load.",
    remediation:
      "Choose an instance type whose baseline bandwidth, times the number of instances, covers the declared peak (or raise the Auto Scaling group's max_size), and record the sizing on the asset register.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
      "https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html#gp_network",
    ],
    messages: {
      belowPeak:
        "{resource} can carry about {capacity} Mbit/s ({count} × {type} at a {baseline} Mbit/s baseline), below its declared peak of {peak} Mbit/s ({basis}).",
    },
    resourceTypes: ["aws_instance", "aws_autoscaling_group", "aws_launch_template", "aws_launch_configuration"],
    limitations:
      "Checks only resources given a `capacity` in the configuration, and instance types in iflint's table (common general purpose, compute and memory families); others are unknown. Mixed-instances Auto Scaling groups are unknown. Load balancers, NAT and the organisation's own internet links are sized elsewhere.",
  },
  check(context) {
    context.forEachResource(["aws_instance", "aws_autoscaling_group"], (resource) => {
      const declared = context.settings.capacityOf(resource);
      if (declared?.peakMbps === undefined) return;
      const fleet = fleetOf(context.estate, resource);
      if (!fleet) return context.unknown(resource, "instance type or count not known");
      const type = asString(fleet.instanceType.value);
      const baseline = type ? baselineMbps(type) : undefined;
      if (!type || baseline === undefined)
        return context.unknown(resource, `no baseline bandwidth known for ${type ?? "the instance type"}`);
      const capacity = baseline * fleet.count;
      if (capacity >= declared.peakMbps) return context.pass(resource);
      context.report({
        node: fleet.countAttribute ?? fleet.instanceType,
        messageId: "belowPeak",
        data: {
          resource: resource.address,
          capacity,
          count: fleet.count,
          type,
          baseline,
          peak: declared.peakMbps,
          basis: declared.basis,
        },
        resource,
        basis: [fleet.instanceType],
        related: fleet.countAttribute ? [{ node: fleet.instanceType, message: `instance type ${type}` }] : [],
      });
    });
  },
});

/** The instance type and how many instances serve: one for an instance, max_size for a group. */
function fleetOf(estate: Estate, resource: ResourceNode): Fleet | undefined {
  if (resource.resourceType === "aws_instance") {
    const instanceType = resource.attribute("instance_type");
    return instanceType ? { instanceType, count: 1 } : undefined;
  }
  const countAttribute = resource.attribute("max_size");
  const count = asNumber(countAttribute?.value);
  if (count === undefined || resource.firstBlock("mixed_instances_policy")) return undefined;
  const template = resource.firstBlock("launch_template");
  const configurations = template
    ? estate
        .referencedResources(template.value("id") ?? template.value("name"))
        .filter((target) => target.resourceType === "aws_launch_template")
    : estate
        .referencedResources(resource.value("launch_configuration"))
        .filter((target) => target.resourceType === "aws_launch_configuration");
  const instanceType = configurations.length === 1 ? configurations[0].attribute("instance_type") : undefined;
  return instanceType ? { instanceType, count, countAttribute } : undefined;
}
