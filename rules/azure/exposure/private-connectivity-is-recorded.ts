import { defineRule } from "../../../src/engine/rule.js";
import { asString } from "../../../src/model/value.js";

const KINDS: Record<string, string> = {
  azurerm_virtual_network_gateway: "a virtual network gateway (VPN or ExpressRoute)",
  azurerm_express_route_circuit: "an ExpressRoute circuit",
  azurerm_express_route_port: "an ExpressRoute Direct port pair",
  azurerm_local_network_gateway: "a local network gateway (the on-premises end of a VPN)",
  azurerm_virtual_network_gateway_connection: "a site-to-site or ExpressRoute connection",
};

/** The Azure counterpart of IFL-EXP-002: private circuits to plan out. */
export default defineRule({
  meta: {
    id: "IFL-EXP-003",
    name: "azure-private-connectivity-is-recorded",
    title: "Azure VPN and ExpressRoute connectivity is recorded as a dependency and planned out",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-PRIVNET", "IF-SUPPLIER", "IF-C1-REGISTER", "IF-C3-PLAN"],
    rationale:
      "VPN gateways, local network gateways and ExpressRoute circuits tie services to private networks such as HSCN. The consumer guidance asks for every such dependency to be found and documented, and the supplier guidance says access should not depend on a VPN.",
    remediation:
      "Record what reaches what over the link on the asset register, then plan its removal: publish the services on the internet with TLS and a WAF. Suppress with a reason and `until` date while the plan runs.",
    links: ["https://digital.nhs.uk/services/internet-first/internet-first-guidance/consumer-guidance"],
    messages: {
      privateLink:
        "{resource} is {kind}: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    resourceTypes: Object.keys(KINDS),
    limitations:
      "An inventory: every private-network link in the scan (virtual network gateways, ExpressRoute circuits, local network gateways, connections other than `Vnet2Vnet`, which join two Azure virtual networks) is reported, because each is a dependency to record and plan out. Links made outside Terraform are not seen.",
  },
  check(context) {
    context.forEachResource(Object.keys(KINDS), (resource) => {
      // A Vnet2Vnet connection joins two Azure virtual networks: no private network beyond Azure.
      if (
        resource.resourceType === "azurerm_virtual_network_gateway_connection" &&
        asString(resource.value("type"))?.toLowerCase() === "vnet2vnet"
      )
        return;
      context.report({
        node: resource,
        messageId: "privateLink",
        data: { resource: resource.address, kind: KINDS[resource.resourceType] },
      });
    });
  },
});
