import { defineRule } from "../../../src/engine/rule.js";
import { asNumber, asString, isUnknown } from "../../../src/model/value.js";
import { gatewayMbps } from "../../shared/azure.js";

/** The Azure counterpart of IFL-BW-001: the private circuit's capacity is what the internet link must replace. */
export default defineRule({
  meta: {
    id: "IFL-BW-003",
    name: "azure-circuit-capacity-is-planned",
    title:
      "The capacity of Azure VPN gateways and ExpressRoute circuits is known, so internet connectivity can be sized to replace it",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-C1-BW", "IF-SIZING", "IF-C1-NETARCH"],
    rationale:
      "Capacity moves from the private network to internet connections. An ExpressRoute circuit's bandwidth, or a VPN gateway SKU's throughput, bounds what the services behind it use today; the network sizing guidance asks for internet connectivity sized from that usage.",
    remediation:
      "Record the circuit's capacity and peak use on the asset register, and size (and make resilient) the internet connectivity that replaces it before it is retired.",
    links: [
      "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
    ],
    messages: {
      circuit:
        "{resource} is an ExpressRoute circuit of {mbps} Mbit/s: size the internet connectivity that will carry its traffic.",
      port: "{resource} is an ExpressRoute Direct port pair of {mbps} Mbit/s: size the internet connectivity that will carry its traffic.",
      gateway:
        "{resource} is {type} gateway of SKU {sku} (about {mbps} Mbit/s): size the internet connectivity that will carry its traffic.",
    },
    resourceTypes: ["azurerm_express_route_circuit", "azurerm_express_route_port", "azurerm_virtual_network_gateway"],
    limitations:
      'An inventory of capacity: every ExpressRoute circuit (in Mbit/s, or Gbit/s on ExpressRoute Direct), ExpressRoute Direct port and virtual network gateway is reported with its figure. A gateway whose SKU, type or generation is unknown or missing from the built-in table is not judged; the figure depends on all three ("Standard" is 100 Mbit/s for VPN, 1 Gbit/s for ExpressRoute). Aggregate throughput figures are Microsoft\'s published gateway limits; real throughput depends on tunnels, flows and packet sizes.',
  },
  check(context) {
    context.forEachResource("azurerm_express_route_circuit", (circuit) => {
      // Circuits on ExpressRoute Direct ports give their bandwidth in Gbit/s.
      const inMbps = circuit.attribute("bandwidth_in_mbps");
      const inGbps = circuit.attribute("bandwidth_in_gbps");
      const bandwidth = inMbps ?? inGbps;
      const figure = asNumber(bandwidth?.value);
      const mbps = figure === undefined ? undefined : bandwidth === inGbps ? figure * 1000 : figure;
      if (!bandwidth || mbps === undefined) return context.unknown(circuit, "bandwidth not known");
      context.report({
        node: bandwidth,
        messageId: "circuit",
        data: { resource: circuit.address, mbps },
        resource: circuit,
      });
    });
    context.forEachResource("azurerm_express_route_port", (port) => {
      const bandwidth = port.attribute("bandwidth_in_gbps");
      const gbps = asNumber(bandwidth?.value);
      if (!bandwidth || gbps === undefined) return context.unknown(port, "bandwidth not known");
      context.report({
        node: bandwidth,
        messageId: "port",
        data: { resource: port.address, mbps: gbps * 1000 },
        resource: port,
      });
    });
    context.forEachResource("azurerm_virtual_network_gateway", (gateway) => {
      const sku = gateway.attribute("sku");
      const name = asString(sku?.value);
      const type = asString(gateway.value("type"));
      const generation = gateway.value("generation");
      const mbps = name && type && !isUnknown(generation) ? gatewayMbps(type, name, asString(generation)) : undefined;
      if (!sku || !name || mbps === undefined) return context.unknown(gateway, "SKU, type or generation not known");
      context.report({
        node: sku,
        messageId: "gateway",
        data: {
          resource: gateway.address,
          sku: name,
          type: type?.toLowerCase() === "expressroute" ? "an ExpressRoute" : "a VPN",
          mbps,
        },
        resource: gateway,
      });
    });
  },
});
