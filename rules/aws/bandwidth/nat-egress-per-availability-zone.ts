import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import type { Estate } from "../../../src/model/estate.js";

/** One NAT gateway for several zones is both a capacity ceiling and a single point of failure. */
export default defineRule({
  meta: {
    id: "IFL-BW-002",
    name: "nat-egress-per-availability-zone",
    title: "Subnets in several availability zones do not share a single NAT gateway for internet egress",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-SIZING", "IF-C1-BW", "IF-C1-NETARCH"],
    rationale:
      "When services move to the internet, their outbound traffic (to national services, suppliers and APIs) flows through NAT. A single NAT gateway serving subnets in several availability zones bounds egress for all of them by one gateway's capacity, and an outage of its zone cuts every zone off. The network sizing guidance asks for resilience matched to the services' criticality.",
    remediation:
      "Create one NAT gateway per availability zone and route each zone's private subnets through the gateway in the same zone (for example `single_nat_gateway = false` and `one_nat_gateway_per_az = true` in the community VPC module).",
    links: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
    ],
    messages: {
      sharedNat:
        "NAT gateway {resource} is the only internet egress for subnets in {count} availability zones ({zones}).",
    },
    resourceTypes: ["aws_nat_gateway", "aws_route_table", "aws_route", "aws_route_table_association", "aws_subnet"],
    limitations: "Routes and subnets defined outside the scan, and NAT instances, are not seen.",
  },
  check(context) {
    const estate = context.estate;
    const byRoot = new Map<string, ResourceNode[]>();
    for (const nat of estate.resourcesOfType("aws_nat_gateway")) {
      const gateways = byRoot.get(nat.module.root);
      if (gateways) gateways.push(nat);
      else byRoot.set(nat.module.root, [nat]);
    }
    let routing: NatRouting | undefined;
    for (const gateways of byRoot.values()) {
      const [nat] = gateways;
      // Several gateways in one root: egress is already spread (one per zone, as AWS recommends).
      if (gateways.length !== 1) {
        for (const gateway of gateways) context.pass(gateway);
        continue;
      }
      // An unexpanded count or for_each may stand for several gateways.
      if (["count", "for_each"].some((name) => isUnknown(nat.value(name)))) {
        context.unknown(nat, "number of NAT gateways not known");
        continue;
      }
      const zones = (routing ??= natRouting(estate)).zonesRoutedThrough(nat);
      if (zones.size < 2) {
        context.pass(nat);
        continue;
      }
      const list = [...zones].sort();
      context.report({
        node: nat,
        messageId: "sharedNat",
        data: { resource: nat.address, count: list.length, zones: list.join(", ") },
      });
    }
  },
});

interface NatRouting {
  /** Availability zones of subnets whose default route goes through the NAT gateway. */
  zonesRoutedThrough(nat: ResourceNode): Set<string>;
}

/**
 * The route tables whose default route goes through each NAT gateway, and the associations of each
 * table, indexed once: asking the whole estate about each gateway was quadratic in a repository of
 * many stacks.
 */
function natRouting(estate: Estate): NatRouting {
  const tablesOf = new Map<ResourceNode, Set<ResourceNode>>();
  const route = (nat: ResourceNode, table: ResourceNode) => {
    const tables = tablesOf.get(nat);
    if (tables) tables.add(table);
    else tablesOf.set(nat, new Set([table]));
  };
  const isDefault = (cidr: unknown) => cidr === "0.0.0.0/0";
  for (const table of estate.resourcesOfType("aws_route_table")) {
    for (const block of table.blocksOfType("route")) {
      if (isDefault(block.value("cidr_block")))
        for (const nat of estate.referencedResources(block.value("nat_gateway_id"))) route(nat, table);
    }
  }
  for (const resource of estate.resourcesOfType("aws_route")) {
    if (!isDefault(resource.value("destination_cidr_block"))) continue;
    const nats = estate.referencedResources(resource.value("nat_gateway_id"));
    if (!nats.length) continue;
    for (const table of estate.referencedResources(resource.value("route_table_id")))
      for (const nat of nats) route(nat, table);
  }
  const associationsOf = new Map<ResourceNode, ResourceNode[]>();
  for (const association of estate.resourcesOfType("aws_route_table_association")) {
    for (const table of new Set(estate.referencedResources(association.value("route_table_id")))) {
      const associations = associationsOf.get(table);
      if (associations) associations.push(association);
      else associationsOf.set(table, [association]);
    }
  }
  return {
    zonesRoutedThrough(nat) {
      const zones = new Set<string>();
      const associations = new Set<ResourceNode>();
      for (const table of tablesOf.get(nat) ?? [])
        for (const association of associationsOf.get(table) ?? []) associations.add(association);
      for (const association of associations) {
        for (const subnet of estate.referencedResources(association.value("subnet_id"))) {
          const zone = asString(subnet.value("availability_zone")) ?? asString(subnet.value("availability_zone_id"));
          if (zone) zones.add(zone);
        }
      }
      return zones;
    },
  };
}
