import { defineRule } from "../../../src/engine/rule.js";
import type { ResourceNode } from "../../../src/model/nodes.js";

/** Azure's published limits: a NAT gateway moves up to 50 Gbps, with 64,512 SNAT ports per public IP address. */
const NAT_GATEWAY_GBPS = 50;
const SNAT_PORTS_PER_IP = 64_512;

/** One NAT gateway carrying every subnet's outbound traffic is one capacity limit and one failure domain. */
export default defineRule({
  meta: {
    id: "IFL-BW-008",
    name: "azure-nat-gateway-capacity-is-planned",
    title: "A single Azure NAT gateway carrying several subnets' outbound traffic is sized and resilient",
    severity: "note",
    category: "bandwidth",
    guidance: ["IF-C1-BW", "IF-SIZING"],
    rationale:
      "As services reach the internet instead of HSCN, outbound traffic (to SaaS, national services, updates) grows. An estate whose subnets all leave through one NAT gateway shares its limits (50 Gbps, 64,512 SNAT ports per public IP) and, as NAT gateways are zonal, one zone's failure stops everyone's outbound traffic.",
    remediation:
      "Size SNAT ports (public IPs or a prefix) and throughput against the expected egress, and for zone-redundant services use a NAT gateway per zone (each with its zone's subnets), recording the sizing on the asset register.",
    links: [
      "https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
    ],
    messages: {
      single:
        "{resource} is the only NAT gateway for {subnets} subnets in {root}: up to {gbps} Gbps and {ports} SNAT ports ({ips} public IP association(s)), in one zone's failure domain.",
    },
    resourceTypes: [
      "azurerm_nat_gateway",
      "azurerm_subnet_nat_gateway_association",
      "azurerm_nat_gateway_public_ip_association",
    ],
    limitations: "Public IP prefixes count as one association; subnets associated outside the scan are not seen.",
  },
  check(context) {
    const estate = context.estate;
    const gateways = estate.resourcesOfType("azurerm_nat_gateway");
    context.forEachResource("azurerm_nat_gateway", (gateway) => {
      const sameRoot = (resource: ResourceNode) => resource.module.root === gateway.module.root;
      if (gateways.filter(sameRoot).length !== 1) return context.pass(gateway);
      const subnets = estate.referrers(gateway, "nat_gateway_id", "azurerm_subnet_nat_gateway_association");
      if (subnets.length < 2) return context.pass(gateway);
      const ips = estate.referrers(
        gateway,
        "nat_gateway_id",
        "azurerm_nat_gateway_public_ip_association",
        "azurerm_nat_gateway_public_ip_prefix_association",
      ).length;
      context.report({
        node: gateway,
        messageId: "single",
        data: {
          resource: gateway.address,
          subnets: subnets.length,
          root: gateway.module.root,
          gbps: NAT_GATEWAY_GBPS,
          ports: (Math.max(ips, 1) * SNAT_PORTS_PER_IP).toLocaleString("en-GB"),
          ips,
        },
      });
    });
  },
});
