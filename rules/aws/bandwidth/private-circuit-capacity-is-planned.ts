import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { LOAD_BALANCER_TYPES, loadBalancerExposure } from "../../shared/aws-load-balancers.js";

/** An IPsec tunnel on AWS carries at most 1.25 Gbps; a VPN connection has two, used active/passive by default. */
const VPN_TUNNEL_GBPS = 1.25;

/** What a private circuit carries today has to be carried by internet connections after the move. */
export default defineRule({
  meta: {
    id: "IFL-BW-001",
    name: "private-circuit-capacity-is-planned",
    title: "The capacity of private circuits is known, so internet connectivity can be sized to replace it",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-C1-BW", "IF-SIZING", "IF-C1-NETARCH"],
    rationale:
      "Capacity moves from the private network to internet connections. The bandwidth of a Direct Connect circuit or VPN is a bound on what the services behind it use today, and the network sizing guidance asks for internet connectivity sized from that usage, with resilience to match.",
    remediation:
      "Record the circuit's capacity and the peak traffic it carries on the asset register, and size the internet connectivity (and its resilience) that replaces it before the circuit is retired.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
      "https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html",
    ],
    messages: {
      circuit:
        "{resource} is a private circuit of {bandwidth}: size the internet connectivity that will carry its traffic.",
      vpn: "{resource} is a VPN connection limited to about {bandwidth} Gbps per tunnel: size the internet connectivity that will carry its traffic.",
      onlyPath:
        "{resource} is the only private-network path in {root}, beside public services ({services}) that may depend on what is behind it: about {bandwidth} Gbps per tunnel, one tunnel active by default. Size the internet connectivity that replaces it, with resilience.",
    },
    resourceTypes: [
      "aws_dx_connection",
      "aws_dx_lag",
      "aws_dx_gateway",
      "aws_vpn_connection",
      ...LOAD_BALANCER_TYPES,
      "aws_cloudfront_distribution",
      "aws_api_gateway_rest_api",
      "aws_apigatewayv2_api",
    ],
    limitations:
      "Whether a public service really depends on what is behind the VPN is not traced through routes; the stronger message says the VPN is the only private path in a root module that also has public services.",
  },
  check(context) {
    context.forEachResource(["aws_dx_connection", "aws_dx_lag"], (circuit) => {
      const attribute = circuit.attribute(
        circuit.resourceType === "aws_dx_lag" ? "connections_bandwidth" : "bandwidth",
      );
      if (!attribute || isUnknown(attribute.value)) return context.unknown(circuit, "bandwidth not known");
      const bandwidth = asString(attribute.value);
      if (!bandwidth) return context.unknown(circuit, "bandwidth not known");
      context.report({
        node: attribute,
        messageId: "circuit",
        data: { resource: circuit.address, bandwidth },
        resource: circuit,
      });
    });
    const estate = context.estate;
    const vpns = estate.resourcesOfType("aws_vpn_connection");
    context.forEachResource("aws_vpn_connection", (vpn) => {
      const root = vpn.module.root;
      const sameRoot = (resource: ResourceNode) => resource.module.root === root;
      const circuits = estate.resourcesOfType("aws_dx_connection", "aws_dx_lag", "aws_dx_gateway").filter(sameRoot);
      const services = [
        ...estate
          .resourcesOfType(...LOAD_BALANCER_TYPES)
          .filter((lb) => loadBalancerExposure(lb) === "internet-facing"),
        ...estate.resourcesOfType("aws_cloudfront_distribution", "aws_api_gateway_rest_api", "aws_apigatewayv2_api"),
      ].filter(sameRoot);
      if (vpns.filter(sameRoot).length === 1 && !circuits.length && services.length) {
        const named =
          services
            .slice(0, 3)
            .map((service) => service.address)
            .join(", ") + (services.length > 3 ? ", ..." : "");
        return context.report({
          node: vpn,
          messageId: "onlyPath",
          data: { resource: vpn.address, root, services: named, bandwidth: VPN_TUNNEL_GBPS },
        });
      }
      context.report({ node: vpn, messageId: "vpn", data: { resource: vpn.address, bandwidth: VPN_TUNNEL_GBPS } });
    });
  },
});
